namespace Eventure.Actors.Persistence;

/// <summary>One event as stored in the journal: the event and the entity that emitted it.</summary>
/// <param name="Event">The event.</param>
/// <param name="Source">The emitting entity, or <see langword="null"/> for runtime events and external input.</param>
internal sealed record JournaledEvent(Event Event, string? Source)
{
    /// <summary>
    /// Whether the event is external input (<c>SendInputAsync</c>). Stored as <c>"input": true</c>; payloads
    /// without it (all of them before inputs were marked) read as <see langword="false"/>.
    /// </summary>
    public bool IsInput { get; init; }
}

/// <summary>Closes a tick in the journal: a tick counts only once its marker is stored.</summary>
/// <param name="Tick">The tick.</param>
/// <param name="EventCount">How many events precede it for this tick.</param>
/// <param name="Checksum">The tick checksum.</param>
/// <param name="Digest">The digest of the tick's events (version 2; 0 before).</param>
/// <param name="Version">How the checksum was computed (1: over JSON lines, manifest <c>tick1</c>; 2: binary digest, <c>tick2</c>).</param>
internal sealed record TickMarker(long Tick, int EventCount, long Checksum, long Digest = 0, int Version = 1);

/// <summary>A snapshot of a simulation's log at a tick boundary: every stored tick so far.</summary>
/// <param name="Ticks">The stored ticks, in order.</param>
internal sealed record LogSnapshot(System.Collections.Immutable.ImmutableArray<AppendTick> Ticks);
