using System.Collections.Immutable;
using Eventure.Actors.Engine;

namespace Eventure.Actors.Persistence;

/// <summary>What a journal row of Eventure's own format is (bound to <see cref="EventureJournalSerializer"/>).</summary>
internal interface IJournalRow;

/// <summary>One stored event: the event, the entity that emitted it, and why it happened.</summary>
/// <param name="Event">The event.</param>
/// <param name="Source">The emitting entity (null for runtime events and input).</param>
/// <param name="Origin">Who caused it.</param>
internal readonly record struct StoredEvent(Event Event, string? Source, EventOrigin Origin);

/// <summary>
/// A publish that has no id yet (scheduled into a later tick, or waiting for the next one), stored as an event with
/// the id <c>"-"</c> (so every payload holds plain events).
/// </summary>
/// <param name="Event">The publish as an event (tick = its target tick, or 0).</param>
/// <param name="At">The tick it is scheduled into, or null for the next tick.</param>
/// <param name="Source">The entity that published it (null for runtime events and input).</param>
/// <param name="Origin">Who caused it.</param>
internal readonly record struct StoredPending(Event Event, long? At, string? Source, EventOrigin Origin)
{
    /// <summary>The id a stored publish carries.</summary>
    public const string NoId = "-";

    /// <summary>Stores <paramref name="pending"/>.</summary>
    public static StoredPending Of(PendingEvent pending)
    {
        var emission = pending.Emission;
        return new(new Event(emission.AtTick ?? 0, 0, emission.Type, emission.Data, NoId, emission.ParentId), emission.AtTick, pending.Source, pending.Origin);
    }

    /// <summary>Stores <paramref name="pending"/>, each.</summary>
    public static ImmutableArray<StoredPending> Of(IEnumerable<PendingEvent> pending) => [.. pending.Select(Of)];

    /// <summary>The publish again.</summary>
    public PendingEvent ToPending() => new(new Emission(Event.Type, EventData.From(Event.Data), Event.ParentId, At), Source, Origin);
}

/// <summary>
/// One tick, stored in one row (manifest <c>row1</c>): its events, what it scheduled into later ticks, the
/// subscription changes it applied, and its sums. A row is one atomic write: a tick is stored whole or not at all.
/// </summary>
/// <param name="Tick">The tick.</param>
/// <param name="Events">Its events, in log order.</param>
/// <param name="Scheduled">Publishes into later ticks made during the tick (each with its target tick).</param>
/// <param name="Index">The subscription changes the tick applied, in order.</param>
/// <param name="Checksum">The tick checksum (events and entity states).</param>
/// <param name="Digest">The digest of the events alone: recomputed from the row by <c>verify --stored</c>.</param>
/// <param name="Version">How the checksum and digest were computed (<see cref="TickDigest.Version"/>).</param>
internal sealed record TickRow(
    long Tick,
    ImmutableArray<StoredEvent> Events,
    ImmutableArray<StoredPending> Scheduled,
    ImmutableArray<IndexChange> Index,
    long Checksum,
    long Digest,
    int Version) : IJournalRow
{
    /// <summary>The row of a completed tick.</summary>
    public static TickRow Of(TickRecord record) => new(
        record.Tick,
        [.. record.Events.Select((e, i) => new StoredEvent(e, record.Sources[i], record.Origins[i]))],
        StoredPending.Of(record.Scheduled),
        record.Index,
        record.Checksum,
        record.Digest,
        TickDigest.Version);

    /// <summary>The row of a tick given from outside (an import): sources only, origins inferred, nothing scheduled.</summary>
    public static TickRow Of(AppendTick append) => new(
        append.Tick,
        [.. append.Events.Select((e, i) => new StoredEvent(e, append.Sources[i], JournalInputs.IsMarked(append, i) ? EventOrigin.Input : OriginOf(e, append.Sources[i])))],
        [],
        [],
        append.Checksum,
        append.Version == TickDigest.Version ? append.Digest : TickDigest.Of(append.Tick, append.Events),
        TickDigest.Version);

    /// <summary>The stored tick as readers see it.</summary>
    public AppendTick ToAppendTick() =>
        new(Tick, [.. Events.Select(e => e.Event)], [.. Events.Select(e => e.Source)], Checksum, Digest, Version)
        {
            Inputs = Events.Any(e => e.Origin == EventOrigin.Input) ? [.. Events.Select(e => e.Origin == EventOrigin.Input)] : [],
        };

    /// <summary>A journaled event of the format before rows, with the origin it was stored with (or the one it must have had).</summary>
    public static StoredEvent Legacy(JournaledEvent e) => new(e.Event, e.Source, e.IsInput ? EventOrigin.Input : OriginOf(e.Event, e.Source));

    /// <summary>The origin of an event stored without one (before origins were recorded): an entity's, the runtime's (<c>entity.*</c>), or input.</summary>
    public static EventOrigin OriginOf(Event e, string? source) =>
        source is not null ? EventOrigin.Entity
        : RuntimeEvents.IsReserved(e.Type) ? EventOrigin.Runtime
        : EventOrigin.Input;
}

/// <summary>An entity that joined between ticks, with the subscriptions it started with.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Subscriptions">Its subscriptions, in order.</param>
internal sealed record Joined(string EntityId, string Kind, ImmutableArray<SubscriptionChange> Subscriptions);

/// <summary>
/// What was accepted between two ticks (manifest <c>acc1</c>): input, spawns and despawns, stored before they are
/// acknowledged, so nothing acknowledged is lost if the process stops before the next tick.
/// </summary>
/// <param name="Tick">The tick they join.</param>
/// <param name="Events">The events queued for that tick's wave 0, in order.</param>
/// <param name="Joins">Entities that joined (spawned), in order.</param>
internal sealed record AcceptedRow(long Tick, ImmutableArray<StoredPending> Events, ImmutableArray<Joined> Joins) : IJournalRow;

/// <summary>One entity in a <see cref="RuntimeSnapshot"/>.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="State">Its state as JSON (entities with a <c>TState</c>), or null (it replays its own events).</param>
/// <param name="StateVersion">The version of its state's JSON.</param>
internal sealed record SnapshotEntity(string EntityId, string Kind, string? State, int StateVersion);

/// <summary>
/// The runtime at a tick boundary (manifest <c>rt1</c>): the population with each entity's state, the subscription
/// index in order, the schedule, and what waits for the next tick. Never a copy of the log: a resume reads this
/// and the rows after it.
/// </summary>
/// <param name="LastTick">The last stored tick it includes.</param>
/// <param name="Entities">The live entities.</param>
/// <param name="Subscriptions">Every pattern in first-subscribed order, with its subscribers in order.</param>
/// <param name="Schedule">Publishes waiting for later ticks, each with its target tick, in order.</param>
/// <param name="Waiting">Events waiting for the next tick's wave 0.</param>
internal sealed record RuntimeSnapshot(
    long LastTick,
    ImmutableArray<SnapshotEntity> Entities,
    ImmutableArray<(string Pattern, ImmutableArray<string> EntityIds)> Subscriptions,
    ImmutableArray<StoredPending> Schedule,
    ImmutableArray<StoredPending> Waiting) : IJournalRow;
