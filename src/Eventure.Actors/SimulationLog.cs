using Eventure.Actors.Persistence;

namespace Eventure.Actors;

/// <summary>Which log a simulation writes to when its options leave the choice open.</summary>
internal static class SimulationLog
{
    /// <summary>
    /// <paramref name="options"/> with the persistent <see cref="EventLogActor"/> as log when they name none and the
    /// system's journal is a real store; otherwise unchanged (the coordinator then keeps the log in memory).
    /// </summary>
    public static SimulationOptions Choose(SimulationOptions options, EventureExtension eventure) =>
        options.Log is null && options.LogProps is null && eventure.UsesPersistentLog
            ? options.WithLogProps(EventLogActor.Props(options.Id))
            : options;

    /// <summary>Whether the simulation's own log writes a journal (the writer lease then guards it).</summary>
    public static bool IsPersistent(SimulationOptions options) =>
        options.Log is null && options.LogProps?.Type == typeof(EventLogActor);
}
