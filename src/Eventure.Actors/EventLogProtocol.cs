using System.Collections.Immutable;

namespace Eventure.Actors;

// The seam between the tick clock and the log actor that stores a simulation's events.
// The coordinator sends one StoreTick per completed tick and may run up to eventure.tick.max-unstored-ticks more
// before its TickAppended returns; the log stores rows in the order sent. The in-memory log and the persistent
// EventLogActor both speak this protocol.

/// <summary>
/// Stores one completed tick: its events in their final order (ids and parents assigned), followed by a
/// tick marker carrying the count and checksum. Sent once per tick; answered with
/// <see cref="TickAppended"/> or <see cref="AppendTickFailed"/>.
/// </summary>
/// <param name="Tick">The completed tick.</param>
/// <param name="Events">The tick's events, in log order.</param>
/// <param name="Sources">For each event (same length and order), the id of the entity that emitted it, or
/// <see langword="null"/> for external input and runtime events; replay uses it to rebuild each entity.</param>
/// <param name="Checksum">The tick checksum (events and entity state folded together).</param>
/// <param name="Digest">The digest of the tick's events alone (marker version 2; 0 before).</param>
/// <param name="Version">How <paramref name="Checksum"/> was computed: 1 = over the events' JSON lines (journals before
/// the binary digest), 2 = the binary tick digest.</param>
internal sealed record AppendTick(long Tick, ImmutableArray<Event> Events, ImmutableArray<string?> Sources, long Checksum, long Digest = 0, int Version = 1) : IEventureMessage
{
    /// <summary>
    /// For each event (same order as <see cref="Events"/>), whether it is external input; empty when the tick
    /// holds no marked input (ticks stored before inputs were marked read that way too).
    /// </summary>
    public ImmutableArray<bool> Inputs { get; init; } = [];
}

/// <summary>The tick is stored (durably, for a persistent log).</summary>
/// <param name="Tick">The stored tick.</param>
/// <param name="EventCount">How many events it holds.</param>
/// <param name="Checksum">The checksum that was stored with it.</param>
internal sealed record TickAppended(long Tick, int EventCount, long Checksum) : IEventureMessage;

/// <summary>Stores a completed tick as one row (the coordinator's write). Answered like <see cref="AppendTick"/>.</summary>
/// <param name="Record">The tick.</param>
internal sealed record StoreTick(Engine.TickRecord Record) : IEventureMessage;

/// <summary>Stores what was accepted between ticks, before it is acknowledged. Answered with <see cref="AcceptedStored"/> or <see cref="AcceptFailed"/>.</summary>
/// <param name="Row">What was accepted.</param>
/// <param name="Request">Echoed in the answer.</param>
internal sealed record StoreAccepted(Persistence.AcceptedRow Row, long Request) : IEventureMessage;

/// <summary>The accepted row is stored.</summary>
/// <param name="Request">The request.</param>
internal sealed record AcceptedStored(long Request) : IEventureMessage;

/// <summary>The accepted row could not be stored.</summary>
/// <param name="Request">The request.</param>
/// <param name="Reason">Why.</param>
internal sealed record AcceptFailed(long Request, string Reason) : IEventureMessage;

/// <summary>Asks the log what a resume continues from. Answered with <see cref="Persistence.RecoveredState"/>.</summary>
internal sealed record GetRecovery : IEventureMessage
{
    /// <summary>The single instance.</summary>
    public static GetRecovery Instance { get; } = new();
}

/// <summary>Saves a snapshot of the runtime at a tick boundary (no answer; a failure is logged).</summary>
/// <param name="Snapshot">The snapshot.</param>
internal sealed record SaveRuntimeSnapshot(Persistence.RuntimeSnapshot Snapshot) : IEventureMessage;

/// <summary>The tick could not be stored; nothing of it is visible in the log.</summary>
/// <param name="Tick">The tick that failed.</param>
/// <param name="Reason">What went wrong (exception type and message).</param>
internal sealed record AppendTickFailed(long Tick, string Reason) : IEventureMessage;

/// <summary>Asks the log actor for a snapshot of its events as a core <see cref="EventLog"/>.</summary>
internal sealed record GetEventLog : IEventureMessage
{
    /// <summary>The single instance.</summary>
    public static GetEventLog Instance { get; } = new();

    private GetEventLog()
    {
    }
}

/// <summary>
/// Asks the log actor for every stored tick from <paramref name="FromTick"/> on, with sources and checksums
/// (what a restarting simulation needs to respawn and rebuild its entities). Answered with <see cref="StoredTicks"/>.
/// </summary>
/// <param name="FromTick">The first tick wanted.</param>
internal sealed record GetStoredTicks(long FromTick) : IEventureMessage;

/// <summary>The reply to <see cref="GetStoredTicks"/>.</summary>
/// <param name="LastTick">The last stored tick, or -1 when nothing is stored.</param>
/// <param name="Ticks">The stored ticks in order, each as it was appended.</param>
internal sealed record StoredTicks(long LastTick, ImmutableArray<AppendTick> Ticks) : IEventureMessage;

/// <summary>The reply to <see cref="GetEventLog"/>: a copy that the caller owns.</summary>
/// <param name="Log">The events so far, with the current tick set to the last stored tick.</param>
internal sealed record EventLogResult(EventLog Log) : IEventureMessage, Akka.Actor.INoSerializationVerificationNeeded;

/// <summary>Time travel: the log as it was when tick <paramref name="Tick"/> completed. Answered with <see cref="EventLogResult"/>.</summary>
/// <param name="Tick">The last tick to include.</param>
internal sealed record GetEventLogAtTick(long Tick) : IEventureMessage;

/// <summary>The log actor cannot work (for example its journal recovery failed) and is stopping.</summary>
/// <param name="Reason">What went wrong.</param>
internal sealed record LogFailed(string Reason) : IEventureMessage;
