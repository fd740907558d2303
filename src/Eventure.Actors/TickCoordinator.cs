using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

/// <summary>
/// Owns a simulation's clock: the shell around the pure <see cref="TickEngine"/>. A tick is a barrier (every
/// partition sends Tick to its entities and answers once), then routing through the <see cref="BusActor"/>, then
/// storage through the log actor, and only then the next tick.
/// </summary>
/// <remarks>
/// Commands (spawns, despawns, input, runs) are handled between ticks; while a tick or a spawn is in progress they
/// wait in the stash and then run in arrival order. A tick that cannot complete (silent entities, a cascade limit, a
/// store that refuses it) stops the simulation with an error naming the cause; so does a failure of the bus, a
/// partition or the log, which are never restarted with empty state.
/// </remarks>
public sealed partial class TickCoordinator : UntypedActor, IWithTimers, IWithUnboundedStash
{
    private const string RealtimeTimer = "realtime";
    private const string BarrierTimer = "barrier";

    private readonly SimulationOptions _options;
    private readonly EventureSettings _settings;
    private readonly TickEngine _engine;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<IActorRef> _watchers = [];
    private IPartitions _partitions = null!;
    private IActorRef _bus = ActorRefs.Nobody;
    private IActorRef _logActor = ActorRefs.Nobody;
    private TickRecord? _storing;
    private long _remaining;
    private long _ranInRun;
    private IActorRef? _runRequester;
    private bool _paused;
    private long? _realtimeUntil;
    private string? _failure;

    /// <summary>Creates the coordinator; use <see cref="Props"/>.</summary>
    public TickCoordinator(SimulationOptions options, EventureSettings settings)
    {
        _options = options;
        _settings = settings;
        _engine = new TickEngine(TickRules.From(settings), settings.PartitionCount);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    public IStash Stash { get; set; } = null!;

    /// <summary>The props of a coordinator for <paramref name="options"/>.</summary>
    public static Props Props(SimulationOptions options, EventureSettings settings) =>
        Akka.Actor.Props.Create(() => new TickCoordinator(options, settings));

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => RoleSupervision.Instance;

    /// <inheritdoc />
    protected override void PreStart()
    {
        _logActor = _options.Log ?? Context.ActorOf(_options.LogProps ?? InMemoryEventLogActor.Props(), "log");
        Context.Watch(_logActor);
        var partitions = Enumerable.Range(0, _settings.PartitionCount)
            .Select(i => Context.ActorOf(PartitionActor.Props(i, _options.Seed, _settings.TickTimeout, _logActor), $"partition-{i}"))
            .ToArray();
        _partitions = LocalPartitions.Of(partitions);
        _bus = Context.ActorOf(BusActor.Props(_settings, _partitions), "bus");
        Become(Recovering);
        _logActor.Tell(new GetStoredTicks(0));
    }

    /// <inheritdoc />
    protected override void OnReceive(object message) => Unhandled(message);

    private void Idle(object message)
    {
        switch (message)
        {
            case RunTicks run:
                BeginRun(run.Count);
                break;
            case RunUntilTick until:
                BeginRun(Math.Max(0, until.Tick - _engine.NextTick + 1));
                break;
            case ContinueRun or RealtimeTick:
                StartTickIfWanted(message is RealtimeTick);
                break;
            case SendInput input:
                _engine.Enqueue(PendingEvent.Input(new Emission(input.Type, input.Data, null, null)));
                Sender.Tell(new InputAccepted(_engine.NextTick));
                break;
            case SpawnEntity or SpawnEntities:
                StartSpawn(message);
                break;
            case DespawnEntity despawn:
                Despawn(despawn.EntityId, RuntimeEvents.CauseExternal, Sender);
                break;
            case EntityStopped stopped:
                _log.Warning("Entity {0} stopped unexpectedly; it is removed from simulation {1}", stopped.EntityId, _options.Id);
                Despawn(stopped.EntityId, RuntimeEvents.CauseStopped, replyTo: null);
                break;
            default:
                Common(message);
                break;
        }
    }

    private void Ticking(object message)
    {
        switch (message)
        {
            case PartitionTicked ticked:
                OnBarrierStep(_engine.TickAnswered(ticked.Partition, ticked.TickNumber, ticked.EntityIds, ticked.Checksums, ticked.Work, ticked.Silent));
                break;
            case TickRouted routed when routed.Routing.Tick == _engine.NextTick && _storing is null:
                _storing = _engine.Complete(routed.Routing);
                _logActor.Tell(new AppendTick(_storing.Tick, _storing.Events, _storing.Sources, _storing.Checksum, _storing.Digest, TickDigest.Version));
                break;
            case RouteTickFailed failed when failed.TickNumber == _engine.NextTick:
                FailSimulation(failed.Reason);
                break;
            case TickAppended appended when _storing is { } record && appended.Tick == record.Tick:
                OnStored(record);
                break;
            case AppendTickFailed failed when _storing?.Tick == failed.Tick:
                FailSimulation($"tick {failed.Tick} could not be stored: {failed.Reason}");
                break;
            case BarrierTimedOut timeout when timeout.Tick == _engine.NextTick && _engine.Running && _storing is null:
                FailSimulation($"tick {timeout.Tick}: partition {string.Join(", ", _engine.Unanswered())} did not answer the Tick within eventure.tick.timeout ({_settings.TickTimeout}).");
                break;
            case RealtimeTick or BarrierTimedOut:
                break;
            default:
                if (!Common(message))
                {
                    Stash.Stash();
                }

                break;
        }
    }

    private void Failed(object message)
    {
        switch (message)
        {
            case RunTicks or RunUntilTick or SpawnEntity or SpawnEntities or DespawnEntity or SendInput:
                Sender.Tell(new Status.Failure(new SimulationException($"The simulation '{_options.Id}' has stopped: {_failure}")));
                break;
            default:
                Common(message);
                break;
        }
    }

    /// <summary>Messages every state handles; false when <paramref name="message"/> is not one of them.</summary>
    private bool Common(object message)
    {
        switch (message)
        {
            case WatchTicks watch:
                _watchers.Add(watch.Watcher);
                return true;
            case GetSimulationStatus:
                Sender.Tell(new SimulationStatus(_engine.NextTick, _engine.Population.Count, _paused, _failure));
                return true;
            case PauseSimulation:
                _paused = true;
                return true;
            case ResumeSimulation:
                _paused = false;
                Self.Tell(ContinueRun.Instance);
                return true;
            case StartRealtime realtime:
                _realtimeUntil = realtime.UntilTick;
                Timers.StartPeriodicTimer(RealtimeTimer, RealtimeTick.Instance, realtime.Interval);
                return true;
            case StopRealtime:
                Timers.Cancel(RealtimeTimer);
                return true;
            case GetEventLog or GetEventLogAtTick or GetStoredTicks:
                _logActor.Forward(message);
                return true;
            case LogFailed failed:
                FailSimulation($"the log failed: {failed.Reason}");
                return true;
            case RoleSupervision.PartFailed part:
                FailSimulation($"the {part.Part} failed ({part.Reason}); the simulation stops instead of continuing with lost state.");
                return true;
            case Terminated terminated when terminated.ActorRef.Equals(_logActor):
                FailSimulation("the log actor stopped; no further tick can be stored.");
                return true;
            case ContinueRun or RealtimeTick or EntityStopped or EntitiesCreated:
                return _failure is not null;
            default:
                return false;
        }
    }

    private void BeginRun(long count)
    {
        if (_runRequester is not null)
        {
            Sender.Tell(new Status.Failure(new SimulationException("A run is already in progress; wait for it to complete.")));
            return;
        }

        _runRequester = Sender;
        _remaining = count;
        _ranInRun = 0;
        StartTickIfWanted(realtime: false);
    }

    private void StartTickIfWanted(bool realtime)
    {
        if (realtime)
        {
            if (_realtimeUntil is { } until && _engine.NextTick > until)
            {
                Timers.Cancel(RealtimeTimer);
                return;
            }

            _remaining = Math.Max(_remaining, 1);
        }

        if (_remaining <= 0)
        {
            _runRequester?.Tell(new RunCompleted(_engine.NextTick - 1, _ranInRun));
            _runRequester = null;
            return;
        }

        if (_paused)
        {
            return;
        }

        Become(Ticking);
        OnBarrierStep(_engine.Begin());
    }

    private void OnBarrierStep(BarrierStep step)
    {
        switch (step)
        {
            case BarrierStep.SendTick send:
                var message = new PartitionTick(send.Tick);
                foreach (var partition in send.Partitions)
                {
                    _partitions.Tell(partition, message, Self);
                }

                Timers.StartSingleTimer(BarrierTimer, new BarrierTimedOut(send.Tick), _settings.TickTimeout + TimeSpan.FromSeconds(5));
                break;
            case BarrierStep.Route route:
                Timers.Cancel(BarrierTimer);
                _bus.Tell(new RouteTick(route));
                break;
            case BarrierStep.Failed failed:
                FailSimulation(failed.Reason);
                break;
        }
    }

    private void OnStored(TickRecord record)
    {
        _storing = null;
        RemoveFromPopulation(_engine.Commit(record));
        var completed = new TickCompleted(record.Tick, record.Events.Length, record.Checksum);
        foreach (var watcher in _watchers)
        {
            watcher.Tell(completed);
        }

        _remaining--;
        _ranInRun++;
        BecomeIdle();
        Self.Tell(ContinueRun.Instance);
    }

    private void BecomeIdle()
    {
        Become(Idle);
        Stash.UnstashAll();
    }

    private void FailSimulation(string reason)
    {
        Timers.Cancel(RealtimeTimer);
        Timers.Cancel(BarrierTimer);
        _failure ??= reason;
        _log.Error("Simulation {0} stopped: {1}", _options.Id, reason);
        _runRequester?.Tell(new Status.Failure(new SimulationException($"The simulation '{_options.Id}' stopped: {reason}")));
        _runRequester = null;
        FailSpawn(reason);
        Become(Failed);
        Stash.UnstashAll();
    }

    private sealed record RealtimeTick : IEventureMessage
    {
        public static RealtimeTick Instance { get; } = new();
    }

    private sealed record ContinueRun : IEventureMessage
    {
        public static ContinueRun Instance { get; } = new();
    }

    private sealed record BarrierTimedOut(long Tick) : IEventureMessage;
}
