namespace Eventure.Actors.Engine;

/// <summary>
/// When the next tick runs: a run of N ticks, pause and resume, and real-time mode (a tick per interval, optionally
/// until a given tick). The shell asks <see cref="Next"/> whenever it is between ticks.
/// </summary>
internal sealed class RunClock
{
    private long _remaining;

    /// <summary>What the shell should do next.</summary>
    public enum Decision
    {
        /// <summary>Nothing: no run is waiting, or the clock is paused.</summary>
        Wait,

        /// <summary>Run the next tick.</summary>
        Tick,

        /// <summary>The run is complete: answer whoever asked for it.</summary>
        Complete,

        /// <summary>Real-time mode reached its last tick: stop the timer.</summary>
        StopRealtime,
    }

    /// <summary>Whether the clock is paused (the current tick finishes first).</summary>
    public bool Paused { get; set; }

    /// <summary>The last tick to run in real-time mode, if it has one.</summary>
    public long? RealtimeUntil { get; set; }

    /// <summary>How many ticks the current run has completed.</summary>
    public long Ran { get; private set; }

    /// <summary>Starts a run of <paramref name="count"/> ticks.</summary>
    public void Run(long count)
    {
        _remaining = count;
        Ran = 0;
    }

    /// <summary>What to do next, between ticks; <paramref name="realtime"/> when a real-time interval has passed.</summary>
    public Decision Next(long nextTick, bool realtime)
    {
        if (realtime)
        {
            if (RealtimeUntil is { } until && nextTick > until)
            {
                return Decision.StopRealtime;
            }

            _remaining = Math.Max(_remaining, 1);
        }

        return _remaining <= 0 ? Decision.Complete : Paused ? Decision.Wait : Decision.Tick;
    }

    /// <summary>Whether the run wants more ticks straight away (a run with ticks left, not paused); real time never does.</summary>
    public bool Continues => _remaining > 0 && !Paused;

    /// <summary>A tick of the run completed.</summary>
    public void Ticked()
    {
        _remaining--;
        Ran++;
    }
}
