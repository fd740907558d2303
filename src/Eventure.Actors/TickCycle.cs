using Akka.Actor;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

/// <summary>
/// The coordinator's hands for one tick: the barrier through the partitions, routing through the bus, storage through
/// the log, then (when the log says one is due) a runtime snapshot. The decisions are the <see cref="TickEngine"/>'s;
/// this class only sends what it asks for and feeds the answers back. It also times and traces each tick
/// (<see cref="EventureTelemetry"/>): the tick's span runs from <see cref="Begin"/> until the tick is stored or fails.
/// </summary>
/// <param name="simulationId">The simulation's id (the tag of its metrics and spans).</param>
/// <param name="engine">The coordinator's engine.</param>
/// <param name="partitions">The partitions.</param>
/// <param name="bus">The bus.</param>
/// <param name="log">The log actor.</param>
/// <param name="coordinator">The coordinator (the sender of everything sent here).</param>
/// <param name="population">Removes the entities that left once the tick completes.</param>
/// <param name="snapshots">Collects a snapshot when one is due.</param>
/// <param name="maxUnstored">How many completed ticks may wait for the log while the next runs
/// (<c>eventure.tick.max-unstored-ticks</c>).</param>
internal sealed class TickCycle(string simulationId, TickEngine engine, IPartitions partitions, IActorRef bus, IActorRef log, IActorRef coordinator, PopulationChanges population, SnapshotCollector snapshots, int maxUnstored)
{
    private readonly PartitionLoss _loss = new(engine, bus);
    private readonly Queue<(TickRecord Record, EventureTelemetry.TickTrace Trace)> _unstored = new();
    private EventureTelemetry.TickTrace _trace;

    /// <summary>Where the tick stands after a message.</summary>
    public enum Outcome
    {
        /// <summary>The message is not part of the tick.</summary>
        NotMine,

        /// <summary>More answers are needed.</summary>
        Waiting,

        /// <summary>
        /// A tick completed: its events are final and sent to the log; the next tick may begin when
        /// <see cref="CanBegin"/> (its storage overlaps the next ticks).
        /// </summary>
        Committed,

        /// <summary>Between ticks, ticks still being stored, and room for the next one (<see cref="CanBegin"/>).</summary>
        Ready,

        /// <summary>Between ticks with every tick stored (and its snapshot sent): commands may run.</summary>
        Stored,

        /// <summary>The tick cannot complete: <see cref="Failure"/> says why.</summary>
        Failed,
    }

    /// <summary>Who is told of every stored tick (<see cref="TickCompleted"/>).</summary>
    public HashSet<IActorRef> Watchers { get; } = [];

    /// <summary>Why the tick failed.</summary>
    public string? Failure { get; private set; }

    /// <summary>The first tick not yet stored (the engine's next tick less the completed ticks the log still stores).</summary>
    public long NextUnstoredTick => engine.NextTick - _unstored.Count;

    /// <summary>Every how many ticks a runtime snapshot is collected (the log's policy, from its recovery; 0 = never).</summary>
    public int SnapshotEveryTicks { get; set; }

    /// <summary>
    /// Whether the next tick may begin now: none is running, no snapshot is being collected, no lost partition waits to
    /// be rebuilt, and fewer than <c>eventure.tick.max-unstored-ticks</c> completed ticks wait for the journal.
    /// </summary>
    public bool CanBegin => !engine.Running && !snapshots.Collecting && !_loss.Pending && _unstored.Count <= maxUnstored;

    /// <summary>Starts the next tick.</summary>
    public Outcome Begin()
    {
        _trace = EventureTelemetry.StartTick(simulationId, engine.NextTick);
        return Step(engine.Begin());
    }

    /// <summary>The simulation stopped (for any reason): a tick in progress, and ticks not yet stored, end their spans with <paramref name="reason"/>.</summary>
    public void Abandon(string reason)
    {
        _trace.Fail(reason);
        _unstored.ForEach(u => u.Trace.Fail(reason));
    }

    /// <summary>
    /// Partitions were lost (a cluster node went down; see <see cref="PartitionLoss"/>): once no tick is being stored,
    /// the reporter is told to rebuild them and a running tick begins again in the new epoch. Ignored once
    /// <paramref name="stopped"/>.
    /// </summary>
    public Outcome Lost(PartitionsLost lost, IActorRef reporter, bool stopped)
    {
        // A snapshot being collected is dropped: a lost partition would never send its states. Nothing else would then
        // move the cycle on (no tick runs, and no state is coming), so it stands where the snapshot's end would leave it.
        var dropped = snapshots.Abandon();
        return _loss.Lost(lost, reporter, stopped, storing: _unstored.Count > 0) ? Rerun()
            : dropped && !stopped ? BetweenTicks()
            : Outcome.Waiting;
    }

    private Outcome Rerun()
    {
        _trace.Fail("a partition was lost; the tick runs again");
        return Begin();
    }

    /// <summary>Takes a message of the tick in progress.</summary>
    public Outcome Take(object message)
    {
        switch (message)
        {
            case PartitionTicked t when t.Epoch == _loss.Epoch:
                return Step(engine.TickAnswered(t.Partition, t.TickNumber, t.IdsLeftOut ? default : t.EntityIds, t.Checksums, t.Work, t.Silent));
            case TickRouted routed when routed.Routing.Tick == engine.NextTick && engine.Running && routed.Epoch == _loss.Epoch:
                return Commit(engine.Complete(routed.Routing));
            case RouteTickFailed failed when failed.TickNumber == engine.NextTick:
                return Fail(failed.Reason);
            case TickAppended appended when _unstored.TryPeek(out var head) && appended.Tick == head.Record.Tick:
                _unstored.Dequeue();
                EventureTelemetry.TickStored(head.Trace, simulationId, head.Record);
                Watchers.ForEach(w => w.Tell(new TickCompleted(head.Record.Tick, head.Record.Events.Length, head.Record.Checksum)));
                return _loss.RebuildWhenStored(storing: _unstored.Count > 0) ? Rerun() : BetweenTicks();
            case PartitionStates or CurrentSubscriptions:
                return snapshots.Take(message) ? BetweenTicks() : Outcome.Waiting;
            case AppendTickFailed failed when _unstored.Any(u => u.Record.Tick == failed.Tick):
                return Fail($"tick {failed.Tick} could not be stored: {failed.Reason}");
            default:
                return Outcome.NotMine;
        }
    }

    /// <summary>
    /// A tick completed: the engine applies it (the next tick builds on it), the log is asked to store it, and at the
    /// log's snapshot interval the runtime's state at this boundary is collected before anything else runs. The tick
    /// counts as stored, for watchers and telemetry, when the log says so.
    /// </summary>
    private Outcome Commit(TickRecord record)
    {
        log.Tell(new StoreTick(record), coordinator);
        population.Remove(engine.Commit(record));
        _unstored.Enqueue((record, _trace));
        _trace = default;
        if (SnapshotEveryTicks > 0 && (record.Tick + 1) % SnapshotEveryTicks == 0)
        {
            snapshots.Start(record.Tick, engine);
        }

        return Outcome.Committed;
    }

    /// <summary>Where the cycle stands when no message of a running tick is pending.</summary>
    private Outcome BetweenTicks() =>
        engine.Running || snapshots.Collecting ? Outcome.Waiting
        : _unstored.Count == 0 ? Outcome.Stored
        : CanBegin ? Outcome.Ready
        : Outcome.Waiting;

    private Outcome Step(BarrierStep step)
    {
        switch (step)
        {
            case BarrierStep.SendTick send:
                // Each partition answers within eventure.tick.timeout (naming silent entities); one that fails is a PartFailed.
                send.Partitions.ForEach(p => partitions.Tell(p, new PartitionTick(send.Tick, _loss.Epoch, engine.ExpectedIdsOf(p)), coordinator));
                return Outcome.Waiting;
            case BarrierStep.Route route:
                bus.Tell(new RouteTick(route, _loss.Epoch), coordinator);
                return Outcome.Waiting;
            case BarrierStep.Failed failed:
                return Fail(failed.Reason);
            default:
                return Outcome.Waiting;
        }
    }

    private Outcome Fail(string reason)
    {
        Failure = reason;
        _trace.Fail(reason);
        return Outcome.Failed;
    }
}
