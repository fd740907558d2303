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
/// <param name="population">Removes the entities that left once the tick is stored.</param>
/// <param name="snapshots">Collects a snapshot when one is due.</param>
internal sealed class TickCycle(string simulationId, TickEngine engine, IPartitions partitions, IActorRef bus, IActorRef log, IActorRef coordinator, PopulationChanges population, SnapshotCollector snapshots)
{
    private readonly PartitionLoss _loss = new(engine, bus);
    private TickRecord? _storing;
    private EventureTelemetry.TickTrace _trace;

    /// <summary>Where the tick stands after a message.</summary>
    public enum Outcome
    {
        /// <summary>The message is not part of the tick.</summary>
        NotMine,

        /// <summary>More answers are needed.</summary>
        Waiting,

        /// <summary>The tick is stored (and its snapshot sent): the coordinator is between ticks.</summary>
        Stored,

        /// <summary>The tick cannot complete: <see cref="Failure"/> says why.</summary>
        Failed,
    }

    /// <summary>Who is told of every stored tick (<see cref="TickCompleted"/>).</summary>
    public HashSet<IActorRef> Watchers { get; } = [];

    /// <summary>Why the tick failed.</summary>
    public string? Failure { get; private set; }

    /// <summary>Starts the next tick.</summary>
    public Outcome Begin()
    {
        _trace = EventureTelemetry.StartTick(simulationId, engine.NextTick);
        return Step(engine.Begin());
    }

    /// <summary>The simulation stopped (for any reason): a tick in progress ends its span with <paramref name="reason"/>.</summary>
    public void Abandon(string reason) => _trace.Fail(reason);

    /// <summary>
    /// Partitions were lost (a cluster node went down; see <see cref="PartitionLoss"/>): once no tick is being stored,
    /// the reporter is told to rebuild them and a running tick begins again in the new epoch. Ignored once
    /// <paramref name="stopped"/>.
    /// </summary>
    public Outcome Lost(PartitionsLost lost, IActorRef reporter, bool stopped) =>
        _loss.Lost(lost, reporter, stopped, storing: _storing is not null) ? Rerun() : Outcome.Waiting;

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
            case TickRouted routed when routed.Routing.Tick == engine.NextTick && _storing is null && routed.Epoch == _loss.Epoch:
                _storing = engine.Complete(routed.Routing);
                log.Tell(new StoreTick(_storing), coordinator);
                return Outcome.Waiting;
            case RouteTickFailed failed when failed.TickNumber == engine.NextTick:
                return Fail(failed.Reason);
            case TickAppended appended when _storing is { } record && appended.Tick == record.Tick:
                _storing = null;
                population.Remove(engine.Commit(record));
                _loss.RebuildWhenStored(storing: false);
                EventureTelemetry.TickStored(_trace, simulationId, record);
                Watchers.ForEach(w => w.Tell(new TickCompleted(record.Tick, record.Events.Length, record.Checksum)));
                if (!appended.SnapshotDue)
                {
                    return Outcome.Stored;
                }

                snapshots.Start(record.Tick, engine);
                return Outcome.Waiting;
            case PartitionStates or CurrentSubscriptions:
                return snapshots.Take(message) ? Outcome.Stored : Outcome.Waiting;
            case AppendTickFailed failed when _storing?.Tick == failed.Tick:
                return Fail($"tick {failed.Tick} could not be stored: {failed.Reason}");
            default:
                return Outcome.NotMine;
        }
    }

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
