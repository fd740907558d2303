namespace Eventure.Actors;

/// <summary>
/// Time travel over stored ticks: the log as of a tick, and state as of a tick folded from the log (or from
/// one entity's own events) with a pure transition. Used by the log actors, <see cref="Simulation"/> and
/// <c>JournalReader</c>.
/// </summary>
internal static class TimeTravel
{
    /// <summary>A core log of every event in <paramref name="ticks"/> up to <paramref name="untilTick"/>, current tick included.</summary>
    public static EventLog LogOf(IEnumerable<AppendTick> ticks, long untilTick = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        var log = new EventLog();
        var last = -1L;
        foreach (var tick in ticks)
        {
            if (tick.Tick > untilTick)
            {
                break;
            }

            foreach (var e in tick.Events)
            {
                log.Append(e);
            }

            last = tick.Tick;
        }

        if (last > log.CurrentTick)
        {
            log.AdvanceToTick(last);
        }

        return log;
    }

    /// <summary>
    /// Folds <paramref name="apply"/> over the events up to <paramref name="tick"/>: all of them, or only those
    /// <paramref name="entityId"/> published (the events its own <c>Apply</c> sees on recovery).
    /// </summary>
    /// <typeparam name="TState">The state.</typeparam>
    public static TState StateAt<TState>(IEnumerable<AppendTick> ticks, long tick, TState initial, Func<TState, Event, TState> apply, string? entityId = null)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        ArgumentNullException.ThrowIfNull(apply);
        var state = initial;
        foreach (var stored in ticks)
        {
            if (stored.Tick > tick)
            {
                break;
            }

            for (var i = 0; i < stored.Events.Length; i++)
            {
                if (entityId is null || string.Equals(stored.Sources[i], entityId, StringComparison.Ordinal))
                {
                    state = apply(state, stored.Events[i]);
                }
            }
        }

        return state;
    }
}
