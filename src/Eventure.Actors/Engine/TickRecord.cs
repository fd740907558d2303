using System.Collections.Immutable;

namespace Eventure.Actors.Engine;

/// <summary>A completed tick as it is stored: its events, where each came from, what it scheduled, and its sums.</summary>
/// <param name="Tick">The tick.</param>
/// <param name="Events">Its events in log order.</param>
/// <param name="Sources">Each event's emitting entity (null for runtime events and input).</param>
/// <param name="Origins">Who caused each event.</param>
/// <param name="Scheduled">Publishes into later ticks made during this tick, in order (each with its target tick).</param>
/// <param name="Leaving">Entities that left during the tick, in id order.</param>
/// <param name="Digest">The digest of the events (<see cref="TickDigest.Of"/>).</param>
/// <param name="Checksum">The tick checksum: the digest and every entity's state.</param>
/// <param name="Waves">How many non-empty waves the tick took.</param>
/// <param name="Index">The subscription changes the tick applied, in order (replayed on resume).</param>
internal sealed record TickRecord(
    long Tick,
    ImmutableArray<Event> Events,
    ImmutableArray<string?> Sources,
    ImmutableArray<EventOrigin> Origins,
    ImmutableArray<PendingEvent> Scheduled,
    ImmutableArray<string> Leaving,
    long Digest,
    long Checksum,
    int Waves,
    ImmutableArray<IndexChange> Index);
