using System.Collections.Immutable;
using Akka.Actor;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

/// <summary>
/// The coordinator's hands for changing the population between ticks: spawns (all or nothing, in every partition
/// at once), despawns, and removals after a tick, each kept in step in the engine, the partitions and the bus.
/// </summary>
/// <param name="engine">The coordinator's engine.</param>
/// <param name="partitions">The partitions.</param>
/// <param name="bus">The bus.</param>
/// <param name="coordinator">The coordinator (the sender of everything sent here).</param>
/// <param name="seed">The simulation seed (journaled with every spawn).</param>
internal sealed class PopulationChanges(TickEngine engine, IPartitions partitions, IActorRef bus, IActorRef coordinator, int seed)
{
    private long _batches;

    /// <summary>The spawn in progress, who asked for it, and whether it was a single spawn.</summary>
    public (SpawnPlan Plan, IActorRef? ReplyTo, bool Single)? Spawning { get; private set; }

    /// <summary>
    /// Rebuilds the population of <paramref name="plan"/> (every kind must be registered in
    /// <paramref name="registry"/>); returns why it cannot, or null once the spawn is under way.
    /// </summary>
    public string? Resume(RecoveryPlan plan, EntityRegistry registry)
    {
        engine.Restore(plan.NextTick, [], []);
        var specs = ImmutableArray.CreateBuilder<EntitySpec>(plan.Live.Length);
        foreach (var (id, kind) in plan.Live)
        {
            if (!registry.TryCreate(kind, out var props))
            {
                return $"cannot resume: entity '{id}' has kind '{kind}', which is not registered in SimulationOptions.Entities.";
            }

            specs.Add(new EntitySpec(id, kind, props, plan.Histories.GetValueOrDefault(id, []), IsRecovery: true));
        }

        Spawn(specs.ToImmutable(), replyTo: null, single: false);
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

        Spawn([.. spawns.Select(s => new EntitySpec(s.EntityId, s.Kind, s.Props, [], IsRecovery: false))], sender, single);
        return true;
    }

    /// <summary>Whether the spawn in progress has nothing more to wait for (an empty one).</summary>
    public bool SpawnComplete => Spawning?.Plan.Complete == true;

    /// <summary>Asks every partition to create its share of <paramref name="specs"/>.</summary>
    private void Spawn(ImmutableArray<EntitySpec> specs, IActorRef? replyTo, bool single)
    {
        var plan = new SpawnPlan(++_batches, [.. specs.Select(s => (s.EntityId, s.Kind))], partitions.Count, recovery: specs.Any(s => s.IsRecovery));
        Spawning = (plan, replyTo, single);
        plan.ByPartition.ForEach(p => partitions.Tell(p.Partition, new CreateEntities(plan.Batch, [.. p.Entities.Select(i => specs[i])]), coordinator));
    }

    /// <summary>Takes a partition's answer to the spawn in progress; true once every entity has answered.</summary>
    public bool Take(EntitiesCreated created) =>
        Spawning is { } spawn && created.Batch == spawn.Plan.Batch && spawn.Plan.Take(created.Entities);

    /// <summary>
    /// Ends the spawn in progress: the entities join in order (and are journaled unless rebuilt on resume), or, if
    /// one could not start, the others are stopped again. Returns why a rebuild on resume failed, if it did.
    /// </summary>
    public string? FinishSpawn()
    {
        var (plan, replyTo, single) = Spawning!.Value;
        Spawning = null;
        if (plan.Failure is { } reason)
        {
            // All or nothing: the ones that started are stopped before anything was registered or journaled.
            plan.Started.ForEach(p => partitions.Tell(p.Partition, new RemoveEntities(p.EntityIds), coordinator));
            replyTo?.Tell(new Status.Failure(new SimulationException(single ? reason : $"{reason}; none of the {plan.Entities.Length} entities was spawned.")));
            return plan.IsRecovery ? $"cannot resume: {reason}" : null;
        }

        bus.Tell(new RegisterEntities(plan.Join(engine, seed)), coordinator);
        replyTo?.Tell(single ? new EntitySpawned(plan.Entities[0].EntityId) : new EntitiesSpawned(plan.Entities.Length));
        return null;
    }

    /// <summary>Takes an entity out between ticks; its <c>entity.despawned</c> (with <paramref name="cause"/>) joins the next tick.</summary>
    public void Despawn(string entityId, string cause, IActorRef? replyTo)
    {
        if (engine.Population.Remove(entityId) is not { } member)
        {
            replyTo?.Tell(new Status.Failure(new ArgumentException($"No live entity has id '{entityId}'.", nameof(entityId))));
            return;
        }

        Remove([member]);
        engine.Enqueue(PendingEvent.Runtime(RuntimeEvents.Despawned(member.Id, member.Kind, cause)));
        replyTo?.Tell(new EntityDespawned(member.Id));
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
}
