using System.Collections.Immutable;
using Akka.Actor;
using Eventure.Actors.Persistence;

namespace Eventure.Actors;

/// <summary>One entity's state two ways: live, and rebuilt from the journal (JSON as in snapshots; null for a plain entity).</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Live">The state it holds now.</param>
/// <param name="Rebuilt">The state its own <c>Apply</c> folds from its <c>InitialState</c> over its stored events.</param>
internal sealed record EntityStateComparison(string EntityId, string Kind, string? Live, string? Rebuilt);

/// <summary>
/// For specs: every live entity's state beside the state its own <c>Apply</c> rebuilds from the events it published,
/// read back from the journal through <see cref="JournalReader"/>. Both travel the snapshot path: each partition asks
/// its entities for their state JSON (<see cref="CollectStates"/>), live the first time, folded from the given events
/// the second, so a <see cref="SimulationEntity{TState}"/> reports <c>WriteState</c>'s JSON and a plain entity null.
/// </summary>
/// <remarks>
/// Call it between runs only, on a simulation with a persistent log: a partition collects one set of states at a time,
/// and a run is answered only after the snapshot of its last tick (if one was due) is complete. It reaches the
/// partitions as the coordinator's children, so it works in the simulation's own process.
/// </remarks>
internal static class EntityStateCheck
{
    /// <summary>Every live entity's state, live and rebuilt, in entity-id order.</summary>
    /// <param name="system">The simulation's actor system.</param>
    /// <param name="simulation">The simulation, between runs.</param>
    /// <param name="timeout">How long each read and each collection may take.</param>
    /// <param name="settings">The simulation's settings, if its options named their own (for the partition count).</param>
    public static async Task<ImmutableArray<EntityStateComparison>> CompareAsync(ActorSystem system, Simulation simulation, TimeSpan timeout, EventureSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(simulation);
        var tick = (await simulation.GetStatusAsync()).NextTick - 1;
        var folds = OwnEvents(await JournalReader.LoadTicksAsync(system, simulation.Id, timeout));
        var partitions = new List<IActorRef>();
        for (var i = 0; i < (settings ?? EventureExtension.Get(system).Settings).PartitionCount; i++)
        {
            partitions.Add(await system.ActorSelection(simulation.Coordinator.Path / $"partition-{i}").ResolveOne(timeout));
        }

        var live = await CollectAsync(partitions, new CollectStates(tick), timeout);
        var rebuilt = (await CollectAsync(partitions, new CollectStates(tick, folds), timeout)).ToDictionary(e => e.EntityId, StringComparer.Ordinal);
        return [.. live
            .OrderBy(e => e.EntityId, StringComparer.Ordinal)
            .Select(e => new EntityStateComparison(e.EntityId, e.Kind, e.State, rebuilt.TryGetValue(e.EntityId, out var fold) ? fold.State : "(not reported)"))];
    }

    /// <summary>The events each entity published, by entity id, in log order.</summary>
    private static ImmutableDictionary<string, ImmutableArray<Event>> OwnEvents(IReadOnlyList<StoredTick> ticks)
    {
        var own = new Dictionary<string, ImmutableArray<Event>.Builder>(StringComparer.Ordinal);
        foreach (var stored in ticks)
        {
            for (var i = 0; i < stored.Events.Length; i++)
            {
                if (stored.Sources[i] is { } source)
                {
                    if (!own.TryGetValue(source, out var events))
                    {
                        own[source] = events = ImmutableArray.CreateBuilder<Event>();
                    }

                    events.Add(stored.Events[i]);
                }
            }
        }

        return own.ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutable(), StringComparer.Ordinal);
    }

    private static async Task<IEnumerable<SnapshotEntity>> CollectAsync(List<IActorRef> partitions, CollectStates collect, TimeSpan timeout)
    {
        var answers = new List<SnapshotEntity>();
        foreach (var partition in partitions)
        {
            answers.AddRange((await partition.Ask<PartitionStates>(collect, timeout)).Entities);
        }

        return answers;
    }
}
