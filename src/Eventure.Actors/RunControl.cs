using Akka.Actor;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

/// <summary>
/// The coordinator's run controls: runs of N ticks (and who waits for them), pause and resume, and real-time mode on
/// the actor's timer. The decisions are the pure <see cref="RunClock"/>'s; this class only talks to actors.
/// </summary>
/// <param name="timers">The coordinator's timers.</param>
/// <param name="coordinator">The coordinator.</param>
internal sealed class RunControl(ITimerScheduler timers, IActorRef coordinator)
{
    private const string RealtimeTimer = "realtime";

    private readonly RunClock _clock = new();
    private IActorRef? _requester;

    /// <summary>Whether the clock is paused.</summary>
    public bool Paused => _clock.Paused;

    /// <summary>
    /// Handles a run-control message (pause, resume, real-time mode); false when <paramref name="message"/> is not one.
    /// A resume asks the coordinator to continue.
    /// </summary>
    public bool Handle(object message)
    {
        switch (message)
        {
            case PauseSimulation or ResumeSimulation:
                _clock.Paused = message is PauseSimulation;
                coordinator.Tell(Continue.Instance);
                return true;
            case StartRealtime realtime:
                _clock.RealtimeUntil = realtime.UntilTick;
                timers.StartPeriodicTimer(RealtimeTimer, Realtime.Instance, realtime.Interval);
                return true;
            case StopRealtime:
                timers.Cancel(RealtimeTimer);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Starts the run <paramref name="request"/> (<see cref="RunTicks"/> or <see cref="RunUntilTick"/>) from <paramref name="sender"/>; false when one is already running.</summary>
    public bool Start(object request, IActorRef sender, long nextTick)
    {
        if (_requester is not null)
        {
            sender.Tell(new Status.Failure(new SimulationException("A run is already in progress; wait for it to complete.")));
            return false;
        }

        _requester = sender;
        _clock.Run(request is RunTicks run ? run.Count : Math.Max(0, ((RunUntilTick)request).Tick - nextTick + 1));
        return true;
    }

    /// <summary>Between ticks: true when the next tick should run now (a run or a real-time interval wants it).</summary>
    public bool ShouldTick(long nextTick, bool realtime)
    {
        var decision = _clock.Next(nextTick, realtime);
        switch (decision)
        {
            case RunClock.Decision.StopRealtime:
                timers.Cancel(RealtimeTimer);
                return false;
            case RunClock.Decision.Complete:
                _requester?.Tell(new RunCompleted(nextTick - 1, _clock.Ran));
                _requester = null;
                return false;
            default:
                return decision == RunClock.Decision.Tick;
        }
    }

    /// <summary>Whether the run wants the next tick straight away (see <see cref="RunClock.Continues"/>).</summary>
    public bool Continues => _clock.Continues;

    /// <summary>A tick of the run completed (it is answered once every tick is stored).</summary>
    public void Ticked() => _clock.Ticked();

    /// <summary>The simulation stopped: real time ends, and whoever waits for a run is told why.</summary>
    public void Fail(Status.Failure failure)
    {
        timers.Cancel(RealtimeTimer);
        _requester?.Tell(failure);
        _requester = null;
    }

    /// <summary>Asks the coordinator to look at the clock again (after a tick, a resume).</summary>
    internal sealed record Continue : IEventureMessage
    {
        public static Continue Instance { get; } = new();
    }

    /// <summary>A real-time interval passed.</summary>
    internal sealed record Realtime : IEventureMessage
    {
        public static Realtime Instance { get; } = new();
    }
}
