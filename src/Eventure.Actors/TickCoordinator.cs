using Akka.Actor;
using Akka.Event;
using Eventure.Actors.Engine;
using Eventure.Actors.Persistence;

namespace Eventure.Actors;

/// <summary>
/// Owns a simulation's clock, as a shell around the pure <see cref="TickEngine"/>: a tick is a barrier (each
/// partition sends Tick to its entities and answers once), then routing through the <see cref="BusActor"/>, then
/// storage through the log actor, and only then the next tick.
/// </summary>
/// <remarks>
/// Commands (spawns, despawns, input, runs) run between ticks; during a tick or a spawn they wait in the stash and
/// then run in arrival order. A tick that cannot complete (silent entities, a cascade limit, a refused write) stops
/// the simulation with an error naming the cause, and so does a failure of the bus, a partition or the log: they are
/// never restarted with empty state.
/// </remarks>
public sealed class TickCoordinator : UntypedActor, IWithTimers, IWithUnboundedStash
{
    private readonly SimulationOptions _options;
    private readonly EventureSettings _settings;
    private readonly TickEngine _engine;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<IActorRef> _watchers = [];
    private IPartitions _partitions = null!;
    private PopulationChanges _population = null!;
    private RunControl _run = null!;
    private SnapshotCollector _snapshots = null!;
    private IActorRef _bus = ActorRefs.Nobody;
    private IActorRef _logActor = ActorRefs.Nobody;
    private TickRecord? _storing;
    private PartitionLoss _loss = null!;
    private bool _recovered;
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
    public static Props Props(SimulationOptions options, EventureSettings settings) => Akka.Actor.Props.Create(() => new TickCoordinator(options, settings));

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => RoleSupervision.Instance;

    /// <inheritdoc />
    protected override void PreStart()
    {
        _logActor = _options.Log ?? Context.ActorOf(_options.LogProps ?? InMemoryEventLogActor.Props(), "log");
        Context.Watch(_logActor);
        _partitions = _options.Partitions?.Invoke(Context, _logActor) ?? LocalPartitions.Create(Context, _settings, _options.Seed, _logActor);
        _bus = Context.ActorOf(BusActor.Props(_settings, _partitions), "bus");
        _population = new PopulationChanges(_engine, _partitions, _bus, _logActor, Self, _options.Seed);
        _run = new RunControl(Timers, Self);
        _snapshots = new SnapshotCollector(_partitions, _bus, _logActor, Self);
        _loss = new PartitionLoss(_engine, _bus);
        Become(Busy);
        _logActor.Tell(GetRecovery.Instance);
    }

    /// <inheritdoc />
    protected override void OnReceive(object message) => Unhandled(message);

    private void Idle(object message)
    {
        switch (message)
        {
            case RunTicks or RunUntilTick or RunControl.Continue or RunControl.Realtime:
                if ((message is RunControl.Continue or RunControl.Realtime || _run.Start(message, Sender, _engine.NextTick))
                    && _run.ShouldTick(_engine.NextTick, message is RunControl.Realtime))
                {
                    Become(Busy);
                    OnBarrierStep(_engine.Begin());
                }

                break;
            case SendInput input:
                if (_population.Input(input, Sender))
                {
                    Become(Busy);
                }

                break;
            case SpawnEntity or SpawnEntities:
                if (_population.Request(message, Sender))
                {
                    Become(Busy);
                    FinishSpawnIfComplete();
                }

                break;
            case DespawnEntity or EntityStopped:
                if (message is DespawnEntity despawn ? _population.Despawn(despawn.EntityId, RuntimeEvents.CauseExternal, Sender)
                    : _population.Despawn(((EntityStopped)message).EntityId, RuntimeEvents.CauseStopped, null))
                {
                    Become(Busy);
                }

                break;
            default:
                Common(message);
                break;
        }
    }

    /// <summary>Recovering, spawning or running a tick: the messages of that work are handled, commands wait.</summary>
    private void Busy(object message)
    {
        switch (message)
        {
            case RecoveredState recovered:
                if (_population.Resume(recovered, _options.Entities) is { } problem)
                {
                    FailSimulation(problem);
                    break;
                }

                FinishSpawnIfComplete();
                break;
            case EntitiesCreated created when _population.Take(created):
                FinishSpawnIfComplete();
                break;
            case PartitionTicked t when t.Epoch == _loss.Epoch:
                OnBarrierStep(_engine.TickAnswered(t.Partition, t.TickNumber, t.EntityIds, t.Checksums, t.Work, t.Silent));
                break;
            case TickRouted routed when routed.Routing.Tick == _engine.NextTick && _storing is null && routed.Epoch == _loss.Epoch:
                _storing = _engine.Complete(routed.Routing);
                _logActor.Tell(new StoreTick(_storing));
                break;
            case AcceptedStored stored when _population.Stored(stored):
                BecomeIdle();
                break;
            case AcceptFailed failed:
                FailSimulation($"what was accepted could not be stored: {failed.Reason}");
                break;
            case RouteTickFailed failed when failed.TickNumber == _engine.NextTick:
                FailSimulation(failed.Reason);
                break;
            case TickAppended appended when _storing is { } record && appended.Tick == record.Tick:
                _storing = null;
                _population.Remove(_engine.Commit(record));
                _loss.RebuildWhenStored(storing: false);
                _watchers.ForEach(w => w.Tell(new TickCompleted(record.Tick, record.Events.Length, record.Checksum)));
                _run.Ticked();
                if (!_snapshots.StartIfDue(appended.SnapshotDue, record.Tick, _engine))
                {
                    BecomeIdle();
                    Self.Tell(RunControl.Continue.Instance);
                }

                break;
            case PartitionStates or CurrentSubscriptions:
                if (_snapshots.Take(message))
                {
                    BecomeIdle();
                    Self.Tell(RunControl.Continue.Instance);
                }

                break;
            case AppendTickFailed failed when _storing?.Tick == failed.Tick:
                FailSimulation($"tick {failed.Tick} could not be stored: {failed.Reason}");
                break;
            case RunControl.Realtime:
                break;
            default:
                if ((message is GetSimulationStatus && !_recovered) || !Common(message))
                {
                    Stash.Stash();
                }

                break;
        }
    }

    private void Failed(object message)
    {
        if (!Common(message) && message is RunTicks or RunUntilTick or SpawnEntity or SpawnEntities or DespawnEntity or SendInput)
        {
            Sender.Tell(new Status.Failure(new SimulationException($"The simulation '{_options.Id}' has stopped: {_failure}")));
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
                Sender.Tell(new SimulationStatus(_engine.NextTick, _engine.Population.Count, _run.Paused, _failure));
                return true;
            case GetEventLog or GetEventLogAtTick or GetStoredTicks:
                _logActor.Forward(message);
                return true;
            case PartitionsLost lost:
                if (_loss.Lost(lost, Sender, _failure is not null, storing: _storing is not null))
                {
                    OnBarrierStep(_engine.Begin());
                }

                return true;
            case LogFailed or RoleSupervision.PartFailed or Terminated:
                FailSimulation(RoleSupervision.ReasonOf(message));
                return true;
            case RunControl.Continue or RunControl.Realtime or EntityStopped or EntitiesCreated:
                return _failure is not null;
            default:
                return _run.Handle(message);
        }
    }

    private void OnBarrierStep(BarrierStep step)
    {
        switch (step)
        {
            case BarrierStep.SendTick send:
                // Each partition answers within eventure.tick.timeout (naming silent entities); one that fails is a PartFailed.
                send.Partitions.ForEach(p => _partitions.Tell(p, new PartitionTick(send.Tick, _loss.Epoch), Self));
                break;
            case BarrierStep.Route route:
                _bus.Tell(new RouteTick(route, _loss.Epoch));
                break;
            case BarrierStep.Failed failed:
                FailSimulation(failed.Reason);
                break;
        }
    }

    private void FinishSpawnIfComplete()
    {
        if (!_population.SpawnComplete)
        {
            return;
        }

        _recovered = true;
        switch (_population.FinishSpawn(out var failure))
        {
            case PopulationChanges.Outcome.Failed:
                FailSimulation(failure!);
                break;
            case PopulationChanges.Outcome.Done:
                BecomeIdle();
                break;
        }
    }

    private void BecomeIdle()
    {
        Become(Idle);
        Stash.UnstashAll();
    }

    private void FailSimulation(string reason)
    {
        (_failure, _recovered) = (_failure ?? reason, true);
        _log.Error("Simulation {0} stopped: {1}", _options.Id, reason);
        var failure = new Status.Failure(new SimulationException($"The simulation '{_options.Id}' stopped: {reason}"));
        _run.Fail(failure);
        _population.Fail(failure);
        Become(Failed);
        Stash.UnstashAll();
    }
}
