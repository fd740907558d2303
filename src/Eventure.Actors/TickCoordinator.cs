using Akka.Actor;
using Akka.Event;
using Eventure.Actors.Engine;
using Eventure.Actors.Persistence;

namespace Eventure.Actors;

/// <summary>
/// Owns a simulation's clock, as a shell around the pure <see cref="TickEngine"/>: a tick is a barrier (each
/// partition sends Tick to its entities and answers once), then routing through the <see cref="BusActor"/>, then
/// storage through the log actor, which overlaps the next ticks of a run (<c>eventure.tick.max-unstored-ticks</c>).
/// </summary>
/// <remarks>
/// Commands (spawns, despawns, input, runs) run between ticks once every tick is stored; meanwhile they wait in the
/// stash and then run in arrival order. A tick that cannot complete (silent entities, a cascade limit, a refused
/// write) stops the simulation with an error naming the cause, as does a failure of the bus, a partition or the log.
/// </remarks>
internal sealed class TickCoordinator : UntypedActor, IWithTimers, IWithUnboundedStash
{
    private readonly SimulationOptions _options;
    private readonly EventureSettings _settings;
    private readonly TickEngine _engine;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private PopulationChanges _population = null!;
    private RunControl _run = null!;
    private TickCycle _cycle = null!;
    private IActorRef _logActor = ActorRefs.Nobody;
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
        var partitions = _options.Partitions?.Invoke(Context, _logActor) ?? LocalPartitions.Create(Context, _settings, _options.Seed, _logActor);
        var bus = Context.ActorOf(BusActor.Props(_settings, partitions, _options.Id), "bus");
        _population = new PopulationChanges(_engine, partitions, bus, _logActor, Self, _options.Seed, _log);
        _run = new RunControl(Timers, Self);
        _cycle = new TickCycle(_options.Id, _engine, partitions, bus, _logActor, Self, _population, new SnapshotCollector(partitions, bus, _logActor, Self), _settings.MaxUnstoredTicks);
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
                    OnTickStep(_cycle.Begin());
                }

                break;
            case SpawnEntity or SpawnEntities:
                if (_population.Request(message, Sender))
                {
                    Become(Busy);
                    FinishSpawnIfComplete();
                }

                break;
            case SendInput or DespawnEntity or EntityStopped:
                if (message is SendInput input ? _population.Input(input, Sender) : _population.Despawn(message, Sender))
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
                _cycle.SnapshotEveryTicks = recovered.SnapshotEveryTicks;
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
            case AcceptedStored stored when _population.Stored(stored):
                BecomeIdle();
                break;
            case AcceptFailed failed:
                FailSimulation($"what was accepted could not be stored: {failed.Reason}");
                break;
            case RunControl.Realtime:
                break;
            default:
                if (OnTickStep(_cycle.Take(message)) == TickCycle.Outcome.NotMine && ((message is GetSimulationStatus && !_recovered) || !Common(message)))
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
                _cycle.Watchers.Add(watch.Watcher);
                return true;
            case GetSimulationStatus:
                Sender.Tell(new SimulationStatus(_cycle.NextUnstoredTick, _engine.Population.Count, _run.Paused, _failure));
                return true;
            case GetEventLog or GetEventLogAtTick or GetStoredTicks:
                _logActor.Forward(message);
                return true;
            case PartitionsLost lost:
                OnTickStep(_cycle.Lost(lost, Sender, stopped: _failure is not null));
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

    /// <summary>
    /// After a step of the tick cycle: the next tick begins while earlier ones are still being stored only when the run
    /// goes straight on (ticks left, not paused, no command waiting); otherwise everything is stored first.
    /// </summary>
    private TickCycle.Outcome OnTickStep(TickCycle.Outcome outcome)
    {
        if (outcome == TickCycle.Outcome.Committed)
        {
            _run.Ticked();
        }

        if (outcome is TickCycle.Outcome.Committed or TickCycle.Outcome.Ready && _cycle.CanBegin && Stash.IsEmpty && _run.Continues)
        {
            OnTickStep(_cycle.Begin());
        }
        else if (outcome == TickCycle.Outcome.Stored)
        {
            AfterTick();
        }
        else if (outcome == TickCycle.Outcome.Failed)
        {
            FailSimulation(_cycle.Failure!);
        }

        return outcome;
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

    /// <summary>Between ticks: commands that waited run first, in arrival order; with none waiting, the run goes straight on.</summary>
    private void AfterTick()
    {
        var waiting = !Stash.IsEmpty;
        BecomeIdle();
        if (waiting)
        {
            Self.Tell(RunControl.Continue.Instance);
            return;
        }

        Idle(RunControl.Continue.Instance);
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
        _cycle.Abandon(reason);
        var failure = new Status.Failure(new SimulationException($"The simulation '{_options.Id}' stopped: {reason}"));
        _run.Fail(failure);
        _population.Fail(failure);
        Become(Failed);
        Stash.UnstashAll();
    }
}
