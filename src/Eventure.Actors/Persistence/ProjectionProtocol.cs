namespace Eventure.Actors.Persistence;

/// <summary>Asks a projection for its state. Answered with <see cref="ProjectionState{TState}"/>.</summary>
public sealed record GetProjectionState : IEventureMessage
{
    /// <summary>The single instance.</summary>
    public static GetProjectionState Instance { get; } = new();

    private GetProjectionState()
    {
    }
}

/// <summary>A projection's state after the last complete tick it applied.</summary>
/// <typeparam name="TState">The read model.</typeparam>
/// <param name="State">The state.</param>
/// <param name="LastTick">The last tick applied (-1 for none).</param>
/// <param name="Offset">The journal sequence number it is stored at.</param>
/// <param name="StoredTick">The last tick whose state and offset are durably stored (-1 for none): a restart
/// resumes after it. Saves are asynchronous, so it can trail <paramref name="LastTick"/>.</param>
public sealed record ProjectionState<TState>(TState State, long LastTick, long Offset, long StoredTick = -1) : IEventureMessage;

/// <summary>Sent to a projection's subscribers after each tick it applies.</summary>
/// <param name="Projection">The projection's name.</param>
/// <param name="Tick">The tick just applied.</param>
/// <param name="Offset">The journal sequence number of the tick's marker.</param>
public sealed record ProjectionAdvanced(string Projection, long Tick, long Offset) : IEventureMessage;

/// <summary>Stored with every tick: the projection's state and the offset it corresponds to.</summary>
/// <param name="Offset">The journal sequence number of the last applied entry.</param>
/// <param name="LastTick">The last complete tick applied.</param>
/// <param name="StateJson">The state as JSON.</param>
internal sealed record ProjectionSnapshot(long Offset, long LastTick, string StateJson);
