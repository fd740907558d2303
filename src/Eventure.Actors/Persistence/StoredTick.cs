using System.Collections.Immutable;

namespace Eventure.Actors.Persistence;

/// <summary>
/// One complete tick as a simulation's journal holds it: its events in log order, which entity published each, and
/// the tick's checksum. <see cref="JournalReader.LoadTicksAsync"/> reads them; <see cref="JournalWriter.WriteTicksAsync"/>
/// writes them (an import).
/// </summary>
/// <param name="Tick">The tick.</param>
/// <param name="Events">The tick's events, in log order (ids and parents assigned).</param>
/// <param name="Sources">For each event (same length and order), the id of the entity that published it, or
/// <see langword="null"/> for runtime events and external input. Empty means no event has a source (an import).</param>
/// <param name="Checksum">The tick checksum: events and entity states folded together; equal runs have equal
/// checksums. 0 for imported ticks, which have no entity states.</param>
public sealed record StoredTick(long Tick, ImmutableArray<Event> Events, ImmutableArray<string?> Sources, long Checksum)
{
    /// <summary>
    /// For each event (same order as <see cref="Events"/>), whether it is external input (<c>SendInputAsync</c>);
    /// empty when the tick holds no marked input (ticks stored before inputs were marked read that way too).
    /// </summary>
    public ImmutableArray<bool> Inputs { get; init; } = [];

    /// <summary>
    /// The digest of the tick's events alone, as stored with it (0 when <see cref="Version"/> is 1): what
    /// <see cref="SimulationVerifier.VerifyStoredAsync"/> recomputes from the events as read back.
    /// </summary>
    public long Digest { get; init; }

    /// <summary>
    /// How <see cref="Checksum"/> and <see cref="Digest"/> were computed: 1 = over the events' JSON lines (journals
    /// written before the binary digest, and imports), 2 = the binary tick digest.
    /// </summary>
    public int Version { get; init; } = 1;

    /// <summary>The entity that published the event at <paramref name="index"/>, or <see langword="null"/>.</summary>
    /// <param name="index">The event's position in <see cref="Events"/>.</param>
    public string? SourceOf(int index) => Sources.IsDefaultOrEmpty ? null : Sources[index];

    /// <summary>Whether the event at <paramref name="index"/> is external input.</summary>
    /// <param name="index">The event's position in <see cref="Events"/>.</param>
    public bool IsInput(int index) => !Inputs.IsDefaultOrEmpty && Inputs[index];

    /// <summary>The public view of a stored tick as the log actors hold it.</summary>
    internal static StoredTick From(AppendTick tick) => new(tick.Tick, tick.Events, tick.Sources, tick.Checksum) { Inputs = tick.Inputs, Digest = tick.Digest, Version = tick.Version };

    /// <summary>The log actors' write of this tick: one source per event, missing ones null.</summary>
    internal AppendTick ToAppend() =>
        new(Tick, Events, Sources.IsDefaultOrEmpty ? [.. Enumerable.Repeat<string?>(null, Events.Length)] : Sources, Checksum, Digest, Version) { Inputs = Inputs.IsDefault ? [] : Inputs };
}
