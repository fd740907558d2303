using System.Collections.Immutable;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

// Messages between a partition and its entity actors (always in one process). Every answer carries what the
// entity published while it handled the message, so the engine (not message arrival order) decides where those
// events go.

/// <summary>An event an entity published, before the runtime gave it an id.</summary>
/// <param name="Type">The event type.</param>
/// <param name="Data">The frozen payload.</param>
/// <param name="ParentId">The id of the event that caused it, if any.</param>
/// <param name="AtTick">The tick it was scheduled into, or <see langword="null"/> for the current tick.</param>
internal sealed record Emission(string Type, EventData Data, string? ParentId, long? AtTick);

/// <summary>A subscription an entity added (<paramref name="Add"/> true) or removed.</summary>
/// <param name="Pattern">The topic pattern.</param>
/// <param name="Add">Whether the subscription is added or removed.</param>
internal sealed record SubscriptionChange(string Pattern, bool Add);

/// <summary>An exception an entity threw while handling a message (recorded as <c>entity.faulted</c>).</summary>
/// <param name="ExceptionType">The exception's type name.</param>
/// <param name="Message">The exception's message.</param>
internal sealed record EntityFault(string ExceptionType, string Message);

/// <summary>Sent to every live entity at the start of a tick by its partition, in entity-id order.</summary>
/// <param name="Number">The tick.</param>
internal sealed record Tick(long Number) : IEventureMessage;

/// <summary>
/// An entity finished <see cref="Tick"/> with nothing to report but its state checksum. It carries no tick number,
/// so an entity may send the same instance tick after tick while its checksum stays the same.
/// </summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Checksum">The entity's state checksum after handling.</param>
internal sealed record QuietTickAck(string EntityId, long Checksum) : IEventureMessage;

/// <summary>
/// One entity's work in one wave: its own new events (applied first, through <c>Apply</c>), then its deliveries, each
/// handled by <c>OnEvent</c> in order. After a fault the partition sends the rest again with <paramref name="Offset"/>.
/// </summary>
/// <param name="TickNumber">The tick.</param>
/// <param name="Wave">The wave.</param>
/// <param name="Own">The entity's own events of the wave, with their ids.</param>
/// <param name="Deliveries">The delivered events, in dispatch order.</param>
/// <param name="Offset">The unit number of the first delivery (0 unless this continues a batch after a restart).</param>
internal sealed record EntityBatch(long TickNumber, int Wave, ImmutableArray<Event> Own, ImmutableArray<Event> Deliveries, int Offset = 0) : IEventureMessage;

/// <summary>
/// An entity's answer to a <see cref="Tick"/> (wave -1, one unit) or an <see cref="EntityBatch"/>. It covers units
/// <paramref name="Offset"/> to <paramref name="Offset"/> + <paramref name="Count"/> - 1; a fault can only be its last
/// unit (the entity then restarts, and the partition sends the remaining units again).
/// </summary>
/// <param name="TickNumber">The tick.</param>
/// <param name="Wave">The wave, or -1 for a Tick.</param>
/// <param name="Offset">The first unit covered.</param>
/// <param name="Count">How many units are covered.</param>
/// <param name="Answer">What happened, with units numbered from 0 = <paramref name="Offset"/>.</param>
internal sealed record BatchAck(long TickNumber, int Wave, int Offset, int Count, EntityAnswer Answer) : IEventureMessage;

/// <summary>Sent by the partition to a new (or restarted) entity actor before anything else.</summary>
/// <param name="EntityId">The entity's id.</param>
/// <param name="SimulationSeed">The simulation seed (the entity's random streams derive from it and the id).</param>
/// <param name="History">The entity's own past events, replayed through <c>Apply</c> to rebuild its state.</param>
/// <param name="IsRecovery">Whether the entity is being rebuilt (restart or resume) rather than spawned anew.</param>
/// <param name="Carried">The state its previous incarnation handed over (a restart of an entity with a state value).</param>
/// <param name="StateJson">Its state from a snapshot, as JSON, and <paramref name="StateVersion"/> its version.</param>
/// <param name="StateVersion">The version of <paramref name="StateJson"/>.</param>
internal sealed record InitializeEntity(
    string EntityId,
    int SimulationSeed,
    ImmutableArray<Event> History,
    bool IsRecovery,
    StateCarry? Carried = null,
    string? StateJson = null,
    int StateVersion = 0) : IEventureMessage;

/// <summary>An entity's state value, handed from a faulted incarnation to the next (always within one process).</summary>
/// <param name="State">The state (of its stored events).</param>
/// <param name="Provisional">What it published earlier in the same wave, before the fault (folded into its projection).</param>
internal sealed record StateCarry(object? State, object? Provisional = null);

/// <summary>
/// Asks an entity for its state at a tick boundary, for a snapshot. Answered with <see cref="EntityStateReport"/>. With
/// <paramref name="Fold"/>, the entity reports instead the state its own <c>Apply</c> gives for those events from its
/// <c>InitialState</c> (its live state untouched): how specs compare live state with the journal's fold.
/// </summary>
/// <param name="Tick">The last stored tick.</param>
/// <param name="Fold">Events to fold from the initial state instead of reporting the live state, or null.</param>
internal sealed record ReportEntityState(long Tick, ImmutableArray<Event>? Fold = null) : IEventureMessage;

/// <summary>An entity's state for a snapshot: JSON and its version, or null for an entity that replays its events.</summary>
/// <param name="Tick">The tick asked about.</param>
/// <param name="EntityId">The entity.</param>
/// <param name="Json">Its state as JSON, or null.</param>
/// <param name="Version">The version of the JSON.</param>
internal sealed record EntityStateReport(long Tick, string EntityId, string? Json, int Version) : IEventureMessage;

/// <summary>The entity is initialized; its subscriptions so far are attached.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Subscriptions">The subscriptions it made while initializing, in order.</param>
/// <param name="Checksum">Its state checksum.</param>
/// <param name="Fault">Set when initializing (replaying history or <c>OnStart</c>) threw; the entity is then stopped.</param>
internal sealed record EntityReady(string EntityId, ImmutableArray<SubscriptionChange> Subscriptions, long Checksum, EntityFault? Fault = null) : IEventureMessage;

/// <summary>An entity actor was restarted after a fault and needs to be rebuilt.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Carried">The state its previous incarnation handed over, or null (it replays its history).</param>
internal sealed record EntityRestarted(string EntityId, StateCarry? Carried = null) : IEventureMessage;
