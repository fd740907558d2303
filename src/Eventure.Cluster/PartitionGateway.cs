using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Eventure.Actors;
using Eventure.Actors.Engine;
using Eventure.Actors.Persistence;

namespace Eventure.Cluster;

/// <summary>
/// The coordinator's and bus's way to a simulation's sharded partitions (a child of the coordinator, in the singleton).
/// Everything to a partition leaves in one <see cref="ToPartition"/> envelope stamped with the gateway's epoch, and
/// every answer comes back in one <see cref="FromPartition"/>: one message each way per partition per tick and per wave.
/// </summary>
/// <remarks>
/// <para>It first attaches every partition host (a host of another gateway starts over empty) and holds all traffic
/// until they answer. It watches the hosts: when one stops (its node left the cluster), it raises the epoch, tells the
/// coordinator (<see cref="PartitionsLost"/>), and once the coordinator stands at a stored tick
/// (<see cref="RebuildPartitions"/>: a running tick was abandoned) it attaches every partition again. Hosts that
/// survived rewind to the stored tick; the journal then gives back every entity a partition lacks
/// (<see cref="GetRecovery"/>), requests to a lost host that were still unanswered are sent again, and the held
/// traffic (the abandoned tick, run again in the new epoch) goes out.</para>
/// <para>A spawn's or snapshot's answer is passed on once; answers from an earlier host incarnation are dropped, and tick
/// and wave answers carry their epoch, which the coordinator and bus check.</para>
/// </remarks>
internal sealed partial class PartitionGateway : UntypedActor, IWithTimers
{
    private const string AttachTimer = "attach";
    private const string StallTimer = "stall";
    private static readonly TimeSpan AttachRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StallWarning = TimeSpan.FromSeconds(15);

    private readonly string _simulation;
    private readonly int _count;
    private readonly IActorRef _region;
    private readonly IActorRef _log;
    private readonly int _seed;
    private readonly TimeSpan _timeout;
    private readonly EntityRegistry _registry;
    private readonly ILoggingAdapter _logger = Context.GetLogger();
    private readonly IActorRef?[] _hosts;
    private readonly List<(Outbound Message, IActorRef Sender)> _held = [];
    private readonly List<(int Partition, object Message, IActorRef Sender)> _outstanding = [];
    private readonly List<(int Partition, Address Node)> _lost = [];
    private PartitionAttached?[] _attached;
    private Phase _phase = Phase.Attaching;
    private long _epoch;
    private long _lastStored = -1;
    private IActorRef _bus = ActorRefs.Nobody;
    private bool _started;
    private int _steps;
    private long _stepsSince;
    private long _heldSince;
    private WireCounters? _counters;

    /// <summary>Creates the gateway; use <see cref="Props"/>.</summary>
    public PartitionGateway(string simulation, int count, IActorRef region, IActorRef log, int seed, TimeSpan timeout, EntityRegistry registry)
    {
        (_simulation, _count, _region, _log, _seed, _timeout, _registry) = (simulation, count, region, log, seed, timeout, registry);
        _hosts = new IActorRef?[count];
        _attached = new PartitionAttached?[count];
    }

    private enum Phase
    {
        /// <summary>Waiting for every host to attach (at start, or after a loss once the coordinator stands at a stored tick).</summary>
        Attaching,

        /// <summary>Traffic flows.</summary>
        Running,

        /// <summary>A host was lost: waiting for the coordinator to stand at a stored tick.</summary>
        Lost,

        /// <summary>Creating, from the journal, the entities the attached partitions lack.</summary>
        Rebuilding,
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of the gateway of <paramref name="simulation"/>'s <paramref name="count"/> partitions.</summary>
    public static Props Props(string simulation, int count, IActorRef region, IActorRef log, int seed, TimeSpan timeout, EntityRegistry registry) =>
        Akka.Actor.Props.Create(() => new PartitionGateway(simulation, count, region, log, seed, timeout, registry));

    /// <inheritdoc />
    protected override void PreStart() => AttachAll();

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Outbound outbound when IsStale(outbound.Message):
                break;
            case Outbound outbound when _phase != Phase.Running:
                _held.Add((outbound, Sender));
                break;
            case Outbound outbound:
                Send(outbound, Sender);
                break;
            case FromPartition { Message: PartitionAttached attached } from:
                OnAttached(from.Partition, from.Epoch, attached);
                break;
            case FromPartition from when Sender.Equals(_hosts[from.Partition]):
                OnAnswer(from);
                break;
            case FromPartition:
                break; // from an earlier incarnation of the host
            case Terminated terminated:
                OnHostStopped(terminated.ActorRef);
                break;
            case ReportLosses:
                Report();
                break;
            case RebuildPartitions rebuild when rebuild.Epoch == _epoch && _phase == Phase.Lost:
                _lastStored = rebuild.LastStoredTick;
                AttachAll();
                break;
            case RecoveredState recovered when _phase == Phase.Rebuilding:
                Rebuild(recovered);
                break;
            case AttachTick when _phase == Phase.Attaching:
                AttachMissing();
                break;
            case StallCheck when _phase != Phase.Running:
                WarnStalled();
                break;
            case StallCheck:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>A tick or wave message of an abandoned attempt (an earlier epoch).</summary>
    private bool IsStale(object message) => message switch
    {
        PartitionTick tick => tick.Epoch != _epoch,
        PartitionWave wave => wave.Epoch != _epoch,
        _ => false,
    };

    private void Send(Outbound outbound, IActorRef sender)
    {
        switch (outbound.Message)
        {
            case PartitionWave or PartitionTick:
                _bus = outbound.Message is PartitionWave ? sender : _bus;
                _stepsSince = _steps++ == 0 ? Stopwatch.GetTimestamp() : _stepsSince;
                break;
            case CreateEntities or CollectStates:
                _outstanding.Add((outbound.Partition, outbound.Message, sender));
                break;
        }

        Tell(outbound.Partition, ToWire(outbound.Message));
    }

    private void Tell(int partition, object message) => _region.Tell(new ToPartition(_simulation, partition, _epoch, message), Self);

    /// <summary>What crosses the wire for <paramref name="message"/>: entities travel by kind, never with their props.</summary>
    private static object ToWire(object message) => message is CreateEntities create
        ? new CreateByKind(create.Batch, [.. create.Entities.Select(e => new KindSpec(e.EntityId, e.Kind, e.History, e.IsRecovery, e.State, e.StateVersion, e.ReadHistory))])
        : message;

    private void OnAnswer(FromPartition from)
    {
        var partition = from.Partition;
        switch (from.Message)
        {
            case EntitiesCreated created when created.Batch < 0:
                OnRebuilt(from.Epoch, created);
                break;
            case EntitiesCreated created:
                PassOnce(partition, m => m is CreateEntities c && c.Batch == created.Batch, created);
                break;
            case PartitionStates states:
                PassOnce(partition, m => m is CollectStates c && c.Tick == states.Tick, states);
                break;
            case PartitionWaveAnswered answered:
                StepAnswered();
                _bus.Tell(answered, Self);
                break;
            default:
                if (from.Message is PartitionTicked)
                {
                    StepAnswered();
                }

                Context.Parent.Tell(from.Message, Self);
                break;
        }
    }

    /// <summary>Passes an answer to a spawn or a snapshot on to the coordinator, once.</summary>
    private void PassOnce(int partition, Func<object, bool> answers, object answer)
    {
        var at = _outstanding.FindIndex(o => o.Partition == partition && answers(o.Message));
        if (at < 0)
        {
            return;
        }

        var request = _outstanding[at];
        _outstanding.RemoveAt(at);
        request.Sender.Tell(answer, Self);
    }

    /// <summary>Counts the time at least one partition step is outstanding (the partitions' share of a tick's wall time).</summary>
    private void StepAnswered()
    {
        if (_steps > 0 && --_steps == 0)
        {
            (_counters ??= WireCounters.Of(Context.System)).AddOutstanding(Stopwatch.GetTimestamp() - _stepsSince);
        }
    }

    private void OnHostStopped(IActorRef host)
    {
        var partition = Array.FindIndex(_hosts, h => host.Equals(h));
        if (partition < 0)
        {
            return;
        }

        Context.Unwatch(host);
        _hosts[partition] = null;
        if (!_started)
        {
            _attached[partition] = null; // still starting: nothing was sent to it yet; it attaches again
            return;
        }

        if (_lost.Count == 0)
        {
            // A node's partitions stop together: the others' Terminated are already queued, so one report covers them.
            _epoch++;
            (_phase, _steps) = (Phase.Lost, 0);
            Timers.Cancel(AttachTimer);
            WatchForStall();
            Self.Tell(ReportLosses.Instance);
        }

        _lost.Add((partition, host.Path.Address));
    }

    private void Report()
    {
        var partitions = string.Join(", ", _lost.OrderBy(l => l.Partition).Select(l => l.Partition));
        var nodes = string.Join(", ", _lost.Select(l => l.Node).Distinct());
        _lost.Clear();
        _logger.Warning("Simulation {0}: partitions {1} were lost ({2}); epoch {3}: the partitions are rebuilt from the journal and an unstored tick runs again",
            _simulation, partitions, nodes, _epoch);
        Context.Parent.Tell(new PartitionsLost(_epoch), Self);
    }

    /// <summary>Starts (once) the periodic warning that says what a rebuild still waits for, should it take long.</summary>
    private void WatchForStall()
    {
        if (!Timers.IsTimerActive(StallTimer))
        {
            _heldSince = Stopwatch.GetTimestamp();
            Timers.StartPeriodicTimer(StallTimer, StallCheck.Instance, StallWarning);
        }
    }

    private void WarnStalled()
    {
        var missing = string.Join(", ", Enumerable.Range(0, _count).Where(p => _attached[p] is null));
        var waitingFor = _phase switch
        {
            Phase.Lost => "the coordinator to stand at a stored tick (ticks still being stored)",
            Phase.Attaching => $"partitions {missing} to attach (their shards to be allocated and started)",
            _ when _rebuilding.Count == 0 => "the journal's recovery read",
            _ => $"partitions {string.Join(", ", _rebuilding.Values.Order())} to re-create their entities",
        };
        _logger.Warning("Simulation {0}: epoch {1}, held for {2:F0} s: waiting for {3}",
            _simulation, _epoch, Stopwatch.GetElapsedTime(_heldSince).TotalSeconds, waitingFor);
    }

    private sealed record StallCheck : IEventureMessage
    {
        public static StallCheck Instance { get; } = new();
    }

    private sealed record ReportLosses : IEventureMessage
    {
        public static ReportLosses Instance { get; } = new();
    }

    private sealed record AttachTick : IEventureMessage
    {
        public static AttachTick Instance { get; } = new();
    }
}
