using System.Collections.Immutable;
using Akka.Actor;
using Eventure.Actors.Engine;
using Eventure.Actors.Persistence;

namespace Eventure.Actors;

/// <summary>
/// The coordinator's hands for a snapshot of the runtime at a tick boundary: every partition reports its entities
/// and their states, the bus its subscription index, the engine its schedule and what waits; the log saves the
/// whole. Never a copy of the log.
/// </summary>
/// <param name="partitions">The partitions.</param>
/// <param name="bus">The bus.</param>
/// <param name="log">The log actor.</param>
/// <param name="coordinator">The coordinator.</param>
internal sealed class SnapshotCollector(IPartitions partitions, IActorRef bus, IActorRef log, IActorRef coordinator)
{
    private Snapshot? _collecting;

    /// <summary>Whether a snapshot is being collected (started, not yet sent to the log).</summary>
    public bool Collecting => _collecting is not null;

    /// <summary>Starts collecting the snapshot after tick <paramref name="tick"/>.</summary>
    public void Start(long tick, TickEngine engine)
    {
        _collecting = new Snapshot(tick, partitions.Count, [.. engine.Schedule.SelectMany(s => s.Events)], [.. engine.Waiting]);
        for (var partition = 0; partition < partitions.Count; partition++)
        {
            partitions.Tell(partition, new CollectStates(tick), coordinator);
        }

        bus.Tell(new GetSubscriptions(tick), coordinator);
    }

    /// <summary>
    /// Drops the snapshot being collected, if any: a lost partition's states never come (its entities are rebuilt from
    /// the journal). The snapshot store is not the journal, so the rows stay the same; the next interval's snapshot is
    /// taken as usual, and a resume meanwhile starts from the one before.
    /// </summary>
    /// <returns>Whether one was being collected.</returns>
    public bool Abandon()
    {
        var collecting = _collecting is not null;
        _collecting = null;
        return collecting;
    }

    /// <summary>Takes a partition's states or the bus's index; true once the snapshot is complete and sent to the log.</summary>
    public bool Take(object message)
    {
        if (_collecting is not { } snapshot)
        {
            return false;
        }

        switch (message)
        {
            case PartitionStates states when states.Tick == snapshot.Tick:
                snapshot.Entities.AddRange(states.Entities);
                snapshot.Partitions--;
                break;
            case CurrentSubscriptions subscriptions when subscriptions.Tick == snapshot.Tick:
                snapshot.Index = subscriptions.Index;
                break;
            default:
                return false;
        }

        if (snapshot.Partitions > 0 || snapshot.Index is not { } index)
        {
            return false;
        }

        _collecting = null;
        log.Tell(new SaveRuntimeSnapshot(new RuntimeSnapshot(
            snapshot.Tick,
            [.. snapshot.Entities.OrderBy(e => e.EntityId, StringComparer.Ordinal)],
            index,
            StoredPending.Of(snapshot.Schedule),
            StoredPending.Of(snapshot.Waiting))));
        return true;
    }

    private sealed class Snapshot(long tick, int partitions, ImmutableArray<PendingEvent> schedule, ImmutableArray<PendingEvent> waiting)
    {
        public long Tick { get; } = tick;

        public int Partitions { get; set; } = partitions;

        public List<SnapshotEntity> Entities { get; } = [];

        public ImmutableArray<(string Pattern, ImmutableArray<string> EntityIds)>? Index { get; set; }

        public ImmutableArray<PendingEvent> Schedule { get; } = schedule;

        public ImmutableArray<PendingEvent> Waiting { get; } = waiting;
    }
}
