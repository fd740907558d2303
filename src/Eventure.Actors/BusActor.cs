using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

/// <summary>
/// Routes a tick's events in waves: the shell around the pure <see cref="WaveRouter"/>. It sends each partition one
/// batch per wave, feeds the answers back in whatever order they arrive, and tells the coordinator when the tick is
/// quiescent or cannot complete.
/// </summary>
/// <remarks>
/// Every ordering decision (ids, ranks, the next wave, subscription changes, where faults and despawns go) is made
/// by the router from the answers' content, never from their arrival order (see docs/determinism.md). Partitions
/// report entities that stay silent past <c>eventure.tick.timeout</c>; a partition that does not answer at all
/// fails the tick a little later, naming it.
/// </remarks>
internal sealed class BusActor : UntypedActor, IWithTimers
{
    private const string WaveTimer = "wave-timeout";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private readonly WaveRouter _router;
    private readonly IPartitions _partitions;
    private readonly TimeSpan _timeout;
    private readonly string _simulationId;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef _coordinator = ActorRefs.Nobody;
    private long _tick = -1;
    private long _epoch;

    /// <summary>Creates the bus; use <see cref="Props"/>.</summary>
    public BusActor(EventureSettings settings, IPartitions partitions, string? simulationId = null)
    {
        _simulationId = simulationId ?? string.Empty;
        _router = new WaveRouter(TickRules.From(settings), partitions.Count) { CanRewind = partitions.CanBeLost };
        _partitions = partitions;
        _timeout = settings.TickTimeout + Grace;
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a bus over <paramref name="partitions"/> for simulation <paramref name="simulationId"/> (its metrics' tag).</summary>
    public static Props Props(EventureSettings settings, IPartitions partitions, string? simulationId = null) =>
        Akka.Actor.Props.Create(() => new BusActor(settings, partitions, simulationId));

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case PartitionWaveAnswered answered when answered.Epoch == _epoch:
                Step(_router.Answer(answered.Partition, answered.TickNumber, answered.Wave, answered.Answers, answered.Silent));
                break;
            case RouteTick route:
                _coordinator = Sender;
                (_tick, _epoch) = (route.Route.Tick, route.Epoch);
                var r = route.Route;
                Step(_router.Begin(r.Tick, r.Wave0, r.Changes, r.Leaving, r.Faults));
                break;
            case RegisterEntities register:
                foreach (var (entityId, kind, subscriptions) in register.Entities)
                {
                    _router.Admit(entityId, kind, subscriptions);
                }

                break;
            case GetSubscriptions get:
                Sender.Tell(new CurrentSubscriptions(get.Tick, [.. _router.Subscriptions.Select(s => (s.Pattern, s.EntityIds.ToImmutableArray()))]));
                break;
            case RestoreIndex restore:
                _router.Resume(restore.Entities, restore.Snapshot, restore.Steps, restore.FromStart);
                break;
            case UnregisterEntities unregister:
                foreach (var entityId in unregister.EntityIds)
                {
                    Step(_router.Remove(entityId));
                }

                break;
            case WaveTimedOut timeout when _router.Current == timeout.Tick:
                var missing = string.Join(", ", _router.Unanswered());
                _router.Abort();
                Fail(timeout.Tick, $"tick {timeout.Tick}, wave {timeout.Wave}: partition {missing} did not answer within eventure.tick.timeout ({_timeout - Grace}) and a grace of {Grace.TotalSeconds:0} s.");
                break;
            case AbortRouting:
                // A partition was lost: the tick runs again (with a new epoch) once the partitions are rebuilt.
                Timers.Cancel(WaveTimer);
                _router.Abort();
                break;
            case WaveTimedOut or PartitionWaveAnswered:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Step(WaveStep step)
    {
        switch (step)
        {
            case WaveStep.Send send:
                EventureTelemetry.Delivered(_simulationId, send.Work);
                foreach (var work in send.Work)
                {
                    _partitions.Tell(work.Partition, new PartitionWave(send.Tick, send.Wave, work.Entities, _epoch), Self);
                }

                Timers.StartSingleTimer(WaveTimer, new WaveTimedOut(send.Tick, send.Wave), _timeout);
                break;
            case WaveStep.Done done:
                Timers.Cancel(WaveTimer);
                _coordinator.Tell(new TickRouted(done.Routing, _epoch));
                break;
            case WaveStep.Failed failed:
                Fail(_tick, failed.Reason);
                break;
        }
    }

    private void Fail(long tick, string reason)
    {
        Timers.Cancel(WaveTimer);
        _log.Error("Routing of tick {0} failed: {1}", tick, reason);
        _coordinator.Tell(new RouteTickFailed(tick, reason));
    }

    private sealed record WaveTimedOut(long Tick, int Wave) : IEventureMessage;
}
