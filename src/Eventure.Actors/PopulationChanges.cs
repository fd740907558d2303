using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Eventure.Actors.Engine;
using Eventure.Actors.Persistence;

namespace Eventure.Actors;

/// <summary>
/// The coordinator's hands for changing the population between ticks: spawns (all or nothing, in every partition at
/// once), despawns, removals after a tick and the rebuild on resume, each kept in step in the engine, the
/// partitions, the bus and the journal. What is accepted between ticks is stored before it is acknowledged.
/// </summary>
/// <param name="engine">The coordinator's engine.</param>
/// <param name="partitions">The partitions.</param>
/// <param name="bus">The bus.</param>
/// <param name="log">The log actor.</param>
/// <param name="coordinator">The coordinator (the sender of everything sent here).</param>
/// <param name="seed">The simulation seed (journaled with every spawn).</param>
/// <param name="logger">Where an entity that stopped on its own is reported.</param>
internal sealed class PopulationChanges(TickEngine engine, IPartitions partitions, IActorRef bus, IActorRef log, IActorRef coordinator, int seed, ILoggingAdapter logger)
{
    private long _batches;
    private long _requests;
    private RecoveredState? _resuming;
    private (long Request, IActorRef? ReplyTo, object Reply)? _accepting;

    /// <summary>What a finished spawn leaves to do.</summary>
    public enum Outcome
    {
        /// <summary>Nothing: the coordinator is idle again.</summary>
        Done,

        /// <summary>What it accepted is being stored; the answer follows <see cref="AcceptedStored"/>.</summary>
        Storing,

        /// <summary>The population could not be rebuilt on resume: the simulation stops.</summary>
        Failed,
    }

    /// <summary>The spawn in progress, who asked for it, and whether it was a single spawn.</summary>
    public (SpawnPlan Plan, IActorRef? ReplyTo, bool Single)? Spawning { get; private set; }

    /// <summary>Whether the spawn in progress has nothing more to wait for.</summary>
    public bool SpawnComplete => Spawning?.Plan.Complete == true;

    /// <summary>
    /// Rebuilds the population of <paramref name="recovered"/> (every kind must be registered in
    /// <paramref name="registry"/>); returns why it cannot, or null once the spawn is under way.
    /// </summary>
    public string? Resume(RecoveredState recovered, EntityRegistry registry)
    {
        engine.Restore(recovered.LastTick + 1, recovered.Schedule.Select(p => (p.Emission.AtTick!.Value, (IEnumerable<PendingEvent>)[p])), recovered.Waiting);
        var specs = ImmutableArray.CreateBuilder<EntitySpec>(recovered.Entities.Length);
        foreach (var entity in recovered.Entities)
        {
            if (!registry.TryCreate(entity.Kind, out var props))
            {
                return $"cannot resume: entity '{entity.EntityId}' has kind '{entity.Kind}', which is not registered in SimulationOptions.Entities.";
            }

            // Cut by a snapshot, only an entity that folds events into fields (not a state value) reads its whole history.
            var replays = props.Type is { } type && !typeof(SimulationEntity<>).IsAssignableFromGeneric(type) && SimulationEntity.KeepsState(type);
            specs.Add(new EntitySpec(entity.EntityId, entity.Kind, props, entity.Events, IsRecovery: true, entity.State, entity.StateVersion, ReadHistory: !entity.HistoryComplete && replays));
        }

        _resuming = recovered;
        Spawn(specs.ToImmutable(), replyTo: null, single: false, recovery: true);
        return null;
    }

    /// <summary>
    /// Starts the spawn <paramref name="request"/> (a <see cref="SpawnEntity"/> or <see cref="SpawnEntities"/>) from
    /// <paramref name="sender"/>; false (and the sender told why) when its ids are empty, repeated or live.
    /// </summary>
    public bool Request(object request, IActorRef sender)
    {
        var single = request is SpawnEntity;
        ImmutableArray<SpawnEntity> spawns = request is SpawnEntity one ? [one] : ((SpawnEntities)request).Entities;
        if (SpawnPlan.Problem([.. spawns.Select(s => s.EntityId)], engine.Population, single) is { } problem)
        {
            sender.Tell(new Status.Failure(new ArgumentException(problem, nameof(request))));
            return false;
        }

        Spawn([.. spawns.Select(s => new EntitySpec(s.EntityId, s.Kind, s.Props, [], IsRecovery: false, JoinTick: engine.NextTick))], sender, single, recovery: false);
        return true;
    }

    /// <summary>Takes a partition's answer to the spawn in progress; true once every entity has answered.</summary>
    public bool Take(EntitiesCreated created) =>
        Spawning is { } spawn && created.Batch == spawn.Plan.Batch && spawn.Plan.Take(created.Entities);

    /// <summary>
    /// Ends the spawn in progress: the entities join in order and the spawn is stored (or, rebuilt on resume, the
    /// subscription index is restored as it was), or, if one could not start, the others are stopped again.
    /// </summary>
    /// <param name="failure">Why a rebuild on resume failed.</param>
    public Outcome FinishSpawn(out string? failure)
    {
        var (plan, replyTo, single) = Spawning!.Value;
        Spawning = null;
        failure = plan.Failure;
        if (failure is not null)
        {
            // All or nothing: the ones that started are stopped before anything was registered or journaled.
            plan.Started.ForEach(p => partitions.Tell(p.Partition, new RemoveEntities(p.EntityIds), coordinator));
            replyTo?.Tell(new Status.Failure(new SimulationException(single ? failure : $"{failure}; none of the {plan.Entities.Length} entities was spawned.")));
            failure = plan.IsRecovery ? $"cannot resume: {failure}" : null;
            return plan.IsRecovery ? Outcome.Failed : Outcome.Done;
        }

        var queued = engine.Waiting.Count;
        var joined = plan.Join(engine, seed);
        if (plan.IsRecovery)
        {
            var recovered = _resuming!;
            _resuming = null;
            bus.Tell(new RestoreIndex([.. joined.Select(j => (j.EntityId, j.Kind))], recovered.Index, recovered.IndexSteps, joined.ToImmutableDictionary(j => j.EntityId, j => j.Subscriptions, StringComparer.Ordinal)), coordinator);
            return Outcome.Done;
        }

        bus.Tell(new RegisterEntities(joined), coordinator);
        Accept([.. engine.Waiting.Skip(queued)], [.. joined.Select(j => new Joined(j.EntityId, j.Kind, j.Subscriptions))], replyTo, single ? new EntitySpawned(plan.Entities[0].EntityId) : new EntitiesSpawned(plan.Entities.Length));
        return Outcome.Storing;
    }

    /// <summary>
    /// Queues input for the next tick and stores it; <paramref name="replyTo"/> is told once it is stored. False (and
    /// <paramref name="replyTo"/> told why) for input of the runtime's reserved types.
    /// </summary>
    public bool Input(SendInput input, IActorRef replyTo)
    {
        if (RuntimeEvents.IsReserved(input.Type))
        {
            replyTo.Tell(new Status.Failure(RuntimeEvents.ReservedInputError(input.Type, nameof(input))));
            return false;
        }

        var pending = PendingEvent.Input(new Emission(input.Type, input.Data, null, null));
        engine.Enqueue(pending);
        Accept([pending], [], replyTo, new InputAccepted(engine.NextTick));
        return true;
    }

    /// <summary>
    /// Takes an entity out between ticks, despawned from outside (a <see cref="DespawnEntity"/> from
    /// <paramref name="sender"/>) or stopped on its own (an <see cref="EntityStopped"/>); its <c>entity.despawned</c>
    /// joins the next tick and is stored first. False (and the sender told why) when it is not live.
    /// </summary>
    public bool Despawn(object request, IActorRef sender)
    {
        if (request is DespawnEntity despawn)
        {
            return Despawn(despawn.EntityId, RuntimeEvents.CauseExternal, sender);
        }

        var stopped = ((EntityStopped)request).EntityId;
        logger.Warning("Entity {0} stopped unexpectedly; it is removed from the simulation", stopped);
        return Despawn(stopped, RuntimeEvents.CauseStopped, null);
    }

    private bool Despawn(string entityId, string cause, IActorRef? replyTo)
    {
        if (engine.Population.Remove(entityId) is not { } member)
        {
            replyTo?.Tell(new Status.Failure(new ArgumentException($"No live entity has id '{entityId}'.", nameof(entityId))));
            return false;
        }

        Remove([member]);
        var despawned = PendingEvent.Runtime(RuntimeEvents.Despawned(member.Id, member.Kind, cause));
        engine.Enqueue(despawned);
        Accept([despawned], [], replyTo, new EntityDespawned(member.Id));
        return true;
    }

    /// <summary>The accepted row is stored: the one who asked is told; false when it is not the awaited one.</summary>
    public bool Stored(AcceptedStored stored)
    {
        if (_accepting is not { } accepting || accepting.Request != stored.Request)
        {
            return false;
        }

        _accepting = null;
        accepting.ReplyTo?.Tell(accepting.Reply);
        return true;
    }

    /// <summary>Stops entities already taken out of the engine's population and drops them from the bus.</summary>
    public void Remove(IReadOnlyList<Member> members)
    {
        if (members.Count > 0)
        {
            members.GroupBy(m => m.Partition).ForEach(g => partitions.Tell(g.Key, new RemoveEntities([.. g.Select(m => m.Id)]), coordinator));
            bus.Tell(new UnregisterEntities([.. members.Select(m => m.Id)]), coordinator);
        }
    }

    /// <summary>Whoever waits for a spawn or an accept is told the simulation stopped.</summary>
    public void Fail(Status.Failure failure)
    {
        Spawning?.ReplyTo?.Tell(failure);
        _accepting?.ReplyTo?.Tell(failure);
        (Spawning, _accepting) = (null, null);
    }

    /// <summary>Asks every partition to create its share of <paramref name="specs"/>.</summary>
    private void Spawn(ImmutableArray<EntitySpec> specs, IActorRef? replyTo, bool single, bool recovery)
    {
        var plan = new SpawnPlan(++_batches, [.. specs.Select(s => (s.EntityId, s.Kind))], partitions.Count, recovery);
        Spawning = (plan, replyTo, single);
        plan.ByPartition.ForEach(p => partitions.Tell(p.Partition, new CreateEntities(plan.Batch, [.. p.Entities.Select(i => specs[i])]), coordinator));
    }

    private void Accept(ImmutableArray<PendingEvent> events, ImmutableArray<Joined> joins, IActorRef? replyTo, object reply)
    {
        _accepting = (++_requests, replyTo, reply);
        log.Tell(new StoreAccepted(new AcceptedRow(engine.NextTick, StoredPending.Of(events), joins), _requests), coordinator);
    }
}
