namespace Eventure.Actors.Engine;

/// <summary>Who caused an event: an entity, the runtime itself, or input from outside the simulation.</summary>
internal enum EventOrigin : byte
{
    /// <summary>Published by an entity (its id is the event's source).</summary>
    Entity = 0,

    /// <summary>Journaled by the runtime about the population (<c>entity.*</c>).</summary>
    Runtime = 1,

    /// <summary>Sent from outside with <c>SendInputAsync</c>.</summary>
    Input = 2,
}

/// <summary>An event waiting for its id: what was emitted, by whom, and why.</summary>
/// <param name="Emission">The emission.</param>
/// <param name="Source">The emitting entity, or <see langword="null"/> for runtime events and input.</param>
/// <param name="Origin">Who caused it.</param>
internal sealed record PendingEvent(Emission Emission, string? Source, EventOrigin Origin = EventOrigin.Entity)
{
    /// <summary>A runtime event.</summary>
    public static PendingEvent Runtime(Emission emission) => new(emission, null, EventOrigin.Runtime);

    /// <summary>External input.</summary>
    public static PendingEvent Input(Emission emission) => new(emission, null, EventOrigin.Input);
}
