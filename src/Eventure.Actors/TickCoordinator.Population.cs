using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;

namespace Eventure.Actors;

/// <summary>Spawning, despawning, restarting and recovering entities.</summary>
public sealed partial class TickCoordinator
{
    private static readonly EntityFault StoppedWhileStarting =
        new("ActorInitializationException", "the actor stopped before it was initialized (its constructor or PreStart threw; see the log)");

    /// <summary>What a spawn batch is for: how it answers, and whether it is journaled.</summary>
    private enum SpawnKind
    {
        /// <summary>One <see cref="SpawnEntity"/>, answered with <see cref="EntitySpawned"/>.</summary>
        Single,

        /// <summary>A <see cref="SpawnEntities"/>, answered with <see cref="EntitiesSpawned"/>.</summary>
        Many,

        /// <summary>The population rebuilt on resume: nothing is journaled, and a fault stops the simulation.</summary>
        Recovery,
    }

    private void Spawn(SpawnEntity spawn, IActorRef sender)
    {
        if (string.IsNullOrEmpty(spawn.EntityId) || _entities.ContainsKey(spawn.EntityId))
        {
            sender.Tell(new Status.Failure(new ArgumentException(
                string.IsNullOrEmpty(spawn.EntityId) ? "An entity id may not be empty." : $"An entity with id '{spawn.EntityId}' is already live.",
                nameof(spawn))));
            return;
        }

        BeginBatch([CreateEntity(spawn.EntityId, spawn.Kind, spawn.Props)], SpawnKind.Single, sender);
    }

    private void SpawnMany(SpawnEntities many, IActorRef sender)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < many.Entities.Length; i++)
        {
            var id = many.Entities[i].EntityId;
            var problem = string.IsNullOrEmpty(id) ? "An entity id may not be empty"
                : _entities.ContainsKey(id) ? $"An entity with id '{id}' is already live"
                : !seen.Add(id) ? $"The id '{id}' appears twice"
                : null;
            if (problem is not null)
            {
                sender.Tell(new Status.Failure(new ArgumentException($"{problem} (entity {i} of {many.Entities.Length}); none was spawned.", nameof(many))));
                return;
            }
        }

        if (many.Entities.IsEmpty)
        {
            sender.Tell(new EntitiesSpawned(0));
            return;
        }

        // Create every actor first, then let them all initialize: the population is laid out like actors
        // created in one loop, and starting it takes one round trip instead of one per entity.
        var entities = new EntityRecord[many.Entities.Length];
        for (var i = 0; i < entities.Length; i++)
        {
            entities[i] = CreateEntity(many.Entities[i].EntityId, many.Entities[i].Kind, many.Entities[i].Props);
        }

        BeginBatch(entities, SpawnKind.Many, sender);
    }

    /// <summary>
    /// Initializes created entities in parallel and waits for all of them: a <see cref="SpawnEntity"/> (a batch
    /// of one), a <see cref="SpawnEntities"/>, or the population rebuilt on resume (with
    /// <paramref name="histories"/>, the entities' own past events).
    /// </summary>
    private void BeginBatch(EntityRecord[] entities, SpawnKind kind, IActorRef? replyTo, ImmutableArray<Event>[]? histories = null)
    {
        _batch = new SpawnBatch(entities, kind, replyTo);
        if (kind != SpawnKind.Recovery)
        {
            _phase = Phase.Spawning;
        }

        for (var i = 0; i < entities.Length; i++)
        {
            var entity = entities[i];
            entity.Actor.Tell(new InitializeEntity(entity.Id, _options.Seed, histories?[i] ?? [], IsRecovery: kind == SpawnKind.Recovery));
        }
    }

    /// <summary>Whether <paramref name="ready"/> answers the spawn batch in progress (then it is handled).</summary>
    private bool TakeBatchReady(EntityReady ready)
    {
        if (_batch is not { } batch || !batch.Index.TryGetValue(ready.EntityId, out var index) || !batch.Entities[index].Actor.Equals(Sender))
        {
            return false;
        }

        batch.Answer(index, ready.Subscriptions, ready.Fault);
        if (batch.Complete)
        {
            FinishBatch(batch);
        }

        return true;
    }

    private void FinishBatch(SpawnBatch batch)
    {
        _batch = null;
        if (batch.FirstFault is { } failed)
        {
            // All or nothing: the others are stopped before anything was registered or journaled.
            foreach (var entity in batch.Entities)
            {
                _entityIds.Remove(entity.Actor);
                Context.Stop(entity.Actor);
            }

            var (index, fault) = failed;
            var reason = $"Entity '{batch.Entities[index].Id}' failed to start: {fault.ExceptionType}: {fault.Message}";
            switch (batch.Kind)
            {
                case SpawnKind.Recovery:
                    FailSimulation($"cannot resume: {reason}");
                    FinishRecovery();
                    return;
                case SpawnKind.Single:
                    batch.ReplyTo?.Tell(new Status.Failure(new SimulationException(reason)));
                    break;
                default:
                    batch.ReplyTo?.Tell(new Status.Failure(new SimulationException($"{reason}; none of the {batch.Entities.Length} entities was spawned.")));
                    break;
            }
        }
        else
        {
            // Registered (and journaled, unless rebuilt on resume) in the batch's order, as if spawned one by one.
            for (var i = 0; i < batch.Entities.Length; i++)
            {
                var entity = batch.Entities[i];
                _entities[entity.Id] = entity;
                _bus.Tell(new RegisterEntity(entity.Id, entity.Kind, entity.Actor, batch.Subscriptions[i]));
                if (batch.Kind != SpawnKind.Recovery)
                {
                    _inputs.Add(new PendingEvent(RuntimeEvents.Spawned(entity.Id, entity.Kind, _options.Seed), null));
                }
            }

            _orderDirty = true;
            switch (batch.Kind)
            {
                case SpawnKind.Recovery:
                    FinishRecovery();
                    return;
                case SpawnKind.Single:
                    batch.ReplyTo?.Tell(new EntitySpawned(batch.Entities[0].Id));
                    break;
                default:
                    batch.ReplyTo?.Tell(new EntitiesSpawned(batch.Entities.Length));
                    break;
            }
        }

        _phase = Phase.Idle;
        ReleaseDeferred();
    }

    private EntityRecord CreateEntity(string entityId, string kind, Props props)
    {
        var name = ActorPath.IsValidPathElement(entityId) ? $"entity-{entityId}" : $"entity-{_spawnCounter}";
        _spawnCounter++;
        var actor = Context.ActorOf(props, name);
        var record = new EntityRecord(entityId, kind, actor);
        _entityIds[actor] = entityId;
        return record;
    }

    private void OnEntityReady(EntityReady ready)
    {
        if (TakeBatchReady(ready))
        {
            return;
        }

        // A restarted entity is rebuilt. It keeps the subscriptions the bus holds for it, in their places, and what
        // its OnStart subscribed again is dropped: re-registering would move it behind other subscribers at a moment
        // set by timing, not by the cascade.
        if (ready.Fault is { } restartFault)
        {
            _log.Error("Entity {0} could not be rebuilt after a restart ({1}: {2}); it is stopped", ready.EntityId, restartFault.ExceptionType, restartFault.Message);
        }
    }

    private void OnEntityRestarted(EntityRestarted restarted)
    {
        if (_entities.TryGetValue(restarted.EntityId, out var entity))
        {
            // The history holds the stored ticks; the bus adds the entity's events of the tick not stored yet and
            // sends the whole, so it arrives in order with the bus's own OwnEvents.
            var history = _history.TryGetValue(entity.Id, out var list) ? list.ToImmutableArray() : [];
            var init = new InitializeEntity(entity.Id, _options.Seed, history, IsRecovery: true);
            _bus.Tell(new RebuildEntity(init, entity.Actor, StoredThroughTick: _nextTick - 1));
        }
    }

    private void Despawn(DespawnEntity despawn, IActorRef sender)
    {
        if (!_entities.Remove(despawn.EntityId, out var entity))
        {
            sender.Tell(new Status.Failure(new ArgumentException($"No live entity has id '{despawn.EntityId}'.", nameof(despawn))));
            return;
        }

        RemoveFromPopulation(entity);
        _inputs.Add(new PendingEvent(RuntimeEvents.Despawned(entity.Id, entity.Kind), null));
        sender.Tell(new EntityDespawned(entity.Id));
    }

    /// <summary>Stops an entity already taken out of <c>_entities</c> and drops it from the bus and the tick order.</summary>
    private void RemoveFromPopulation(EntityRecord entity)
    {
        _orderDirty = true;
        _entityIds.Remove(entity.Actor);
        Context.Stop(entity.Actor);
        _bus.Tell(new UnregisterEntity(entity.Id));
    }

    private void OnEntityStopped(IActorRef actor)
    {
        if (!_entityIds.Remove(actor, out var entityId))
        {
            return;
        }

        // Stopped while its spawn was in progress: its constructor or PreStart threw (Akka logged why).
        if (_batch is { } batch && batch.Index.TryGetValue(entityId, out var index) && batch.Entities[index].Actor.Equals(actor))
        {
            batch.Stopped(index, StoppedWhileStarting);
            if (batch.Complete)
            {
                FinishBatch(batch);
            }

            return;
        }

        // An entity stopped on its own (not despawned): it leaves the population, journaled like a despawn.
        if (_entities.Remove(entityId, out var entity))
        {
            _log.Warning("Entity {0} stopped unexpectedly; it is removed from simulation {1}", entityId, _options.Id);
            _bus.Tell(new UnregisterEntity(entityId));
            _inputs.Add(new PendingEvent(RuntimeEvents.Despawned(entityId, entity.Kind), null));
            _orderDirty = true;
            if (_slotOf.TryGetValue(entityId, out var slot) && _ordered[slot] == entity)
            {
                // Its slot is skipped until the order is rebuilt, and its group stops waiting for it.
                _gone[slot] = true;
                if (_phase == Phase.AwaitingAcks)
                {
                    _groups[slot / _groupSize].Tell(new GroupMemberGone(_nextTick, actor));
                }
            }
        }
    }

    /// <summary>Rebuilds the population from the stored ticks, then continues at the next tick.</summary>
    private void Recover(StoredTicks stored)
    {
        if (stored.Ticks.IsDefaultOrEmpty)
        {
            FinishRecovery();
            return;
        }

        _nextTick = stored.LastTick + 1;
        var ids = ImmutableArray.CreateBuilder<string>();
        var live = new List<(string Id, string Kind)>();
        foreach (var tick in stored.Ticks)
        {
            for (var i = 0; i < tick.Events.Length; i++)
            {
                var e = tick.Events[i];
                ids.Add(e.Id);
                var source = tick.Sources.IsDefaultOrEmpty ? null : tick.Sources[i];
                if (source is not null)
                {
                    HistoryOf(source).Add(e);
                }
                else if (e.Type == RuntimeEvents.SpawnedType && e.Data.TryGetValue("entity", out var spawned) && spawned is string spawnedId)
                {
                    live.Add((spawnedId, e.Data.TryGetValue("kind", out var kind) ? kind as string ?? string.Empty : string.Empty));
                }
                else if (e.Type == RuntimeEvents.DespawnedType && e.Data.TryGetValue("entity", out var despawned) && despawned is string despawnedId)
                {
                    live.RemoveAll(entry => entry.Id == despawnedId);
                }
            }
        }

        _bus.Tell(new ObserveIds(ids.ToImmutable()));
        var entities = new List<EntityRecord>(live.Count);
        var histories = new List<ImmutableArray<Event>>(live.Count);
        foreach (var (id, kind) in live)
        {
            if (!_options.Entities.TryCreate(kind, out var props))
            {
                FailSimulation($"cannot resume: entity '{id}' has kind '{kind}', which is not registered in SimulationOptions.Entities.");
                FinishRecovery();
                return;
            }

            histories.Add(_history.TryGetValue(id, out var list) ? list.ToImmutableArray() : []);
            entities.Add(CreateEntity(id, kind, props));
        }

        if (entities.Count == 0)
        {
            FinishRecovery();
            return;
        }

        BeginBatch([.. entities], SpawnKind.Recovery, replyTo: null, [.. histories]);
    }

    private void FinishRecovery()
    {
        if (_phase == Phase.Recovering)
        {
            _phase = _failure is null ? Phase.Idle : Phase.Failed;
        }

        ReleaseDeferred();
    }

    /// <summary>A spawn in progress: who answered, with which subscriptions, and the first fault by position.</summary>
    private sealed class SpawnBatch
    {
        private readonly bool[] _answered;
        private int _answers;

        public SpawnBatch(EntityRecord[] entities, SpawnKind kind, IActorRef? replyTo)
        {
            Entities = entities;
            Kind = kind;
            ReplyTo = replyTo;
            Subscriptions = new ImmutableArray<SubscriptionChange>[entities.Length];
            _answered = new bool[entities.Length];
            Index = new Dictionary<string, int>(entities.Length, StringComparer.Ordinal);
            for (var i = 0; i < entities.Length; i++)
            {
                Index[entities[i].Id] = i;
            }
        }

        public EntityRecord[] Entities { get; }

        public IActorRef? ReplyTo { get; }

        public SpawnKind Kind { get; }

        public Dictionary<string, int> Index { get; }

        public ImmutableArray<SubscriptionChange>[] Subscriptions { get; }

        public (int Index, EntityFault Fault)? FirstFault { get; private set; }

        public bool Complete => _answers == Entities.Length;

        public void Answer(int index, ImmutableArray<SubscriptionChange> subscriptions, EntityFault? fault)
        {
            if (_answered[index])
            {
                return;
            }

            _answered[index] = true;
            _answers++;
            Subscriptions[index] = subscriptions;
            if (fault is not null)
            {
                Fail(index, fault);
            }
        }

        /// <summary>A member stopped before the batch finished: it cannot join, answered or not.</summary>
        public void Stopped(int index, EntityFault fault)
        {
            Answer(index, [], fault);
            Fail(index, fault);
        }

        private void Fail(int index, EntityFault fault)
        {
            if (FirstFault is not { } first || index < first.Index)
            {
                FirstFault = (index, fault);
            }
        }
    }
}
