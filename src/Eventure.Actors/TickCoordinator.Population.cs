using System.Collections.Immutable;
using Akka.Actor;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

/// <summary>Resuming, spawning and despawning: how the population changes between ticks.</summary>
public sealed partial class TickCoordinator
{
    private SpawnInProgress? _spawn;
    private long _spawnBatches;
    private bool _recovered;

    private void Recovering(object message)
    {
        switch (message)
        {
            case StoredTicks stored:
                Recover(stored);
                break;
            case GetSimulationStatus:
                Stash.Stash();
                break;
            default:
                if (!Common(message))
                {
                    Stash.Stash();
                }

                break;
        }
    }

    private void Spawning(object message)
    {
        switch (message)
        {
            case EntitiesCreated created when _spawn is { } spawn && created.Batch == spawn.Batch:
                if (spawn.Take(created))
                {
                    FinishSpawn(spawn);
                }

                break;
            case GetSimulationStatus when !_recovered:
                Stash.Stash();
                break;
            default:
                if (!Common(message))
                {
                    Stash.Stash();
                }

                break;
        }
    }

    /// <summary>Rebuilds the population from the stored ticks, then continues at the next tick.</summary>
    private void Recover(StoredTicks stored)
    {
        var plan = RecoveryPlan.From(stored.Ticks);
        _engine.Restore(plan.NextTick, [], []);
        var specs = ImmutableArray.CreateBuilder<EntitySpec>(plan.Live.Length);
        foreach (var (id, kind) in plan.Live)
        {
            if (!_options.Entities.TryCreate(kind, out var props))
            {
                _recovered = true;
                FailSimulation($"cannot resume: entity '{id}' has kind '{kind}', which is not registered in SimulationOptions.Entities.");
                return;
            }

            specs.Add(new EntitySpec(id, kind, props, plan.Histories.GetValueOrDefault(id, []), IsRecovery: true));
        }

        BeginSpawn(specs.ToImmutable(), SpawnMode.Recovery, replyTo: null);
    }

    private void StartSpawn(object message)
    {
        var single = message is SpawnEntity;
        ImmutableArray<SpawnEntity> entities = message is SpawnEntity one ? [one] : ((SpawnEntities)message).Entities;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entities.Length; i++)
        {
            var id = entities[i].EntityId;
            var problem = string.IsNullOrEmpty(id) ? "An entity id may not be empty"
                : _engine.Population.Contains(id) ? $"An entity with id '{id}' is already live"
                : !seen.Add(id) ? $"The id '{id}' appears twice"
                : null;
            if (problem is not null)
            {
                var text = single ? $"{problem}." : $"{problem} (entity {i} of {entities.Length}); none was spawned.";
                Sender.Tell(new Status.Failure(new ArgumentException(text, nameof(message))));
                return;
            }
        }

        var specs = entities.Select(e => new EntitySpec(e.EntityId, e.Kind, e.Props, [], IsRecovery: false)).ToImmutableArray();
        BeginSpawn(specs, single ? SpawnMode.Single : SpawnMode.Many, Sender);
    }

    /// <summary>Creates the entities in their partitions, all at once, and waits until every one has started.</summary>
    private void BeginSpawn(ImmutableArray<EntitySpec> specs, SpawnMode mode, IActorRef? replyTo)
    {
        var spawn = new SpawnInProgress(++_spawnBatches, specs, mode, replyTo, _partitions.Count);
        _spawn = spawn;
        Become(Spawning);
        if (spawn.Complete)
        {
            FinishSpawn(spawn);
            return;
        }

        foreach (var (partition, group) in spawn.ByPartition)
        {
            _partitions.Tell(partition, new CreateEntities(spawn.Batch, group), Self);
        }
    }

    private void FinishSpawn(SpawnInProgress spawn)
    {
        _spawn = null;
        if (spawn.FirstFault is { } failed)
        {
            // All or nothing: the ones that started are stopped before anything was registered or journaled.
            foreach (var (partition, ids) in spawn.Started)
            {
                _partitions.Tell(partition, new RemoveEntities(ids), Self);
            }

            var reason = $"Entity '{failed.EntityId}' failed to start: {failed.Fault.ExceptionType}: {failed.Fault.Message}";
            switch (spawn.Mode)
            {
                case SpawnMode.Recovery:
                    _recovered = true;
                    FailSimulation($"cannot resume: {reason}");
                    return;
                case SpawnMode.Single:
                    spawn.ReplyTo?.Tell(new Status.Failure(new SimulationException(reason)));
                    break;
                default:
                    spawn.ReplyTo?.Tell(new Status.Failure(new SimulationException($"{reason}; none of the {spawn.Specs.Length} entities was spawned.")));
                    break;
            }
        }
        else
        {
            // Registered (and journaled, unless rebuilt on resume) in the batch's order, as if spawned one by one.
            foreach (var spec in spawn.Specs)
            {
                _engine.Population.Add(spec.EntityId, spec.Kind);
                if (spawn.Mode != SpawnMode.Recovery)
                {
                    _engine.Enqueue(PendingEvent.Runtime(RuntimeEvents.Spawned(spec.EntityId, spec.Kind, _options.Seed)));
                }
            }

            _bus.Tell(new RegisterEntities([.. spawn.Specs.Select((s, i) => (s.EntityId, s.Kind, spawn.Subscriptions(i)))]));
            spawn.ReplyTo?.Tell(spawn.Mode == SpawnMode.Single ? new EntitySpawned(spawn.Specs[0].EntityId) : new EntitiesSpawned(spawn.Specs.Length));
        }

        _recovered = true;
        BecomeIdle();
    }

    private void FailSpawn(string reason)
    {
        if (_spawn is { } spawn)
        {
            _spawn = null;
            spawn.ReplyTo?.Tell(new Status.Failure(new SimulationException($"The simulation '{_options.Id}' stopped: {reason}")));
        }
    }

    /// <summary>Takes an entity out between ticks; its <c>entity.despawned</c> (with <paramref name="cause"/>) joins the next tick.</summary>
    private void Despawn(string entityId, string cause, IActorRef? replyTo)
    {
        if (_engine.Population.Remove(entityId) is not { } member)
        {
            replyTo?.Tell(new Status.Failure(new ArgumentException($"No live entity has id '{entityId}'.", nameof(entityId))));
            return;
        }

        RemoveFromPopulation([member]);
        _engine.Enqueue(PendingEvent.Runtime(RuntimeEvents.Despawned(member.Id, member.Kind, cause)));
        replyTo?.Tell(new EntityDespawned(member.Id));
    }

    /// <summary>Stops entities already taken out of the engine's population and drops them from the bus.</summary>
    private void RemoveFromPopulation(IReadOnlyList<Member> members)
    {
        if (members.Count == 0)
        {
            return;
        }

        foreach (var group in members.GroupBy(m => m.Partition))
        {
            _partitions.Tell(group.Key, new RemoveEntities([.. group.Select(m => m.Id)]), Self);
        }

        _bus.Tell(new UnregisterEntities([.. members.Select(m => m.Id)]));
    }

    private enum SpawnMode
    {
        /// <summary>One <see cref="SpawnEntity"/>, answered with <see cref="EntitySpawned"/>.</summary>
        Single,

        /// <summary>A <see cref="SpawnEntities"/>, answered with <see cref="EntitiesSpawned"/>.</summary>
        Many,

        /// <summary>The population rebuilt on resume: nothing is journaled, and a fault stops the simulation.</summary>
        Recovery,
    }

    /// <summary>A spawn in progress: which partition creates which entities, and how each started.</summary>
    private sealed class SpawnInProgress
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly CreatedEntity?[] _results;
        private int _answered;

        public SpawnInProgress(long batch, ImmutableArray<EntitySpec> specs, SpawnMode mode, IActorRef? replyTo, int partitions)
        {
            Batch = batch;
            Specs = specs;
            Mode = mode;
            ReplyTo = replyTo;
            _results = new CreatedEntity?[specs.Length];
            for (var i = 0; i < specs.Length; i++)
            {
                _index[specs[i].EntityId] = i;
            }

            ByPartition = [.. specs.GroupBy(s => Population.PartitionOf(s.EntityId, partitions)).OrderBy(g => g.Key).Select(g => (g.Key, g.ToImmutableArray()))];
        }

        public long Batch { get; }

        public ImmutableArray<EntitySpec> Specs { get; }

        public SpawnMode Mode { get; }

        public IActorRef? ReplyTo { get; }

        public ImmutableArray<(int Partition, ImmutableArray<EntitySpec> Specs)> ByPartition { get; }

        public bool Complete => _answered == Specs.Length;

        /// <summary>The first entity (in the batch's order) that failed to start.</summary>
        public (string EntityId, EntityFault Fault)? FirstFault =>
            _results.Select((r, i) => (r, i)).Where(x => x.r?.Fault is not null).Select(x => ((string, EntityFault)?)(Specs[x.i].EntityId, x.r!.Fault!)).FirstOrDefault();

        /// <summary>The entities that started, by partition.</summary>
        public IEnumerable<(int Partition, ImmutableArray<string> EntityIds)> Started =>
            ByPartition.Select(p => (p.Partition, p.Specs.Where(s => _results[_index[s.EntityId]]?.Fault is null).Select(s => s.EntityId).ToImmutableArray()))
                .Where(p => !p.Item2.IsEmpty);

        public ImmutableArray<SubscriptionChange> Subscriptions(int index) => _results[index]?.Subscriptions ?? [];

        /// <summary>Takes a partition's answer; true once every entity has answered.</summary>
        public bool Take(EntitiesCreated created)
        {
            foreach (var entity in created.Entities)
            {
                if (_index.TryGetValue(entity.EntityId, out var i) && _results[i] is null)
                {
                    _results[i] = entity;
                    _answered++;
                }
            }

            return Complete;
        }
    }
}
