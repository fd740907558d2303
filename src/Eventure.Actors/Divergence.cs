namespace Eventure.Actors;

/// <summary>The first place where a journal and its re-simulation differ.</summary>
/// <param name="Tick">The diverging tick.</param>
/// <param name="EventId">The id of the diverging event (the journal's, else the re-simulation's), or
/// <see langword="null"/> when the tick's events agree and only its checksum differs.</param>
/// <param name="Journal">The journal's version: the event as a JSON line (<see langword="null"/> when the journal has
/// no event there), or the tick checksum when only the checksums differ.</param>
/// <param name="Resimulated">The re-simulation's version, the same way.</param>
public sealed record Divergence(long Tick, string? EventId, string? Journal, string? Resimulated)
{
    /// <summary>
    /// What differs, in words: for example <c>event 3 of the tick differs</c>, or <c>same events, but the state
    /// checksum is 12 instead of the journaled 34</c>.
    /// </summary>
    public string Reason { get; init; } = string.Empty;
}
