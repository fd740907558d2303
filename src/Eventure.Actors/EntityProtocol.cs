using System.Collections.Immutable;

namespace Eventure.Actors;

// Messages between the runtime and entity actors. Every reply carries what the entity published while it
// handled the message, so the runtime (not message arrival order) decides where those events go.

/// <summary>An event an entity published, before the runtime gave it an id.</summary>
/// <param name="Type">The event type.</param>
/// <param name="Data">The frozen payload.</param>
/// <param name="ParentId">The id of the event that caused it, if any.</param>
/// <param name="AtTick">The tick it was scheduled into, or <see langword="null"/> for the current tick.</param>
public sealed record Emission(string Type, EventData Data, string? ParentId, long? AtTick);

/// <summary>A subscription an entity added (<paramref name="Add"/> true) or removed.</summary>
/// <param name="Pattern">The topic pattern.</param>
/// <param name="Add">Whether the subscription is added or removed.</param>
public sealed record SubscriptionChange(string Pattern, bool Add);

/// <summary>An exception an entity threw while handling a message (recorded as <c>entity.faulted</c>).</summary>
/// <param name="ExceptionType">The exception's type name.</param>
/// <param name="Message">The exception's message.</param>
public sealed record EntityFault(string ExceptionType, string Message);

/// <summary>Sent to every live entity at the start of a tick by its tick group, in entity-id order within the group.</summary>
/// <param name="Number">The tick.</param>
public sealed record Tick(long Number) : IEventureMessage;

/// <summary>An entity finished <see cref="Tick"/>.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="TickNumber">The tick.</param>
/// <param name="Emissions">What it published, in emit order.</param>
/// <param name="Subscriptions">Subscription changes, applied at the next wave boundary.</param>
/// <param name="Checksum">The entity's state checksum after handling.</param>
/// <param name="Fault">Set when the handler threw.</param>
/// <param name="Despawn">Whether the entity despawned itself: it leaves the population at the end of the tick.</param>
public sealed record TickAck(
    string EntityId,
    long TickNumber,
    ImmutableArray<Emission> Emissions,
    ImmutableArray<SubscriptionChange> Subscriptions,
    long Checksum,
    EntityFault? Fault,
    bool Despawn = false) : IEventureMessage;

/// <summary>
/// An entity finished <see cref="Tick"/> with nothing to report but its state checksum: no emissions, no
/// subscription changes, no fault. It carries no tick number, so an entity may send the same instance tick after
/// tick while its checksum stays the same (an entity answers every tick exactly once, and the next tick starts
/// only after every answer arrived).
/// </summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Checksum">The entity's state checksum after handling.</param>
public sealed record QuietTickAck(string EntityId, long Checksum) : IEventureMessage;

/// <summary>Delivers an event to a subscribed entity.</summary>
/// <param name="TickNumber">The tick being processed.</param>
/// <param name="Wave">The wave number within the tick.</param>
/// <param name="Slot">The delivery's slot in the wave (echoed in the ack).</param>
/// <param name="Event">The event.</param>
/// <param name="Pattern">The subscription pattern that matched.</param>
public sealed record Deliver(long TickNumber, int Wave, int Slot, Event Event, string Pattern) : IEventureMessage;

/// <summary>An entity finished handling a <see cref="Deliver"/>.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="TickNumber">The tick.</param>
/// <param name="Wave">The wave.</param>
/// <param name="Slot">The delivery's slot.</param>
/// <param name="Emissions">What it published in reaction, in emit order.</param>
/// <param name="Subscriptions">Subscription changes, applied at the next wave boundary.</param>
/// <param name="Checksum">The entity's state checksum after handling.</param>
/// <param name="Fault">Set when the handler threw.</param>
/// <param name="Despawn">Whether the entity despawned itself: it receives nothing from the next wave on and leaves
/// the population at the end of the tick.</param>
public sealed record DeliveryAck(
    string EntityId,
    long TickNumber,
    int Wave,
    int Slot,
    ImmutableArray<Emission> Emissions,
    ImmutableArray<SubscriptionChange> Subscriptions,
    long Checksum,
    EntityFault? Fault,
    bool Despawn = false) : IEventureMessage;

/// <summary>Sent by the runtime to a new (or restarted) entity actor before anything else.</summary>
/// <param name="EntityId">The entity's id.</param>
/// <param name="SimulationSeed">The simulation seed (the entity's random streams derive from it and the id).</param>
/// <param name="History">The entity's own past events, replayed through <c>Apply</c> to rebuild its state.</param>
/// <param name="IsRecovery">Whether the entity is being rebuilt (restart or resume) rather than spawned anew.</param>
public sealed record InitializeEntity(string EntityId, int SimulationSeed, ImmutableArray<Event> History, bool IsRecovery) : IEventureMessage;

/// <summary>The entity is initialized; its subscriptions so far are attached.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Subscriptions">The subscriptions it made while initializing, in order.</param>
/// <param name="Checksum">Its state checksum.</param>
/// <param name="Fault">Set when initializing (replaying history or <c>OnStart</c>) threw; the entity is then stopped.</param>
public sealed record EntityReady(string EntityId, ImmutableArray<SubscriptionChange> Subscriptions, long Checksum, EntityFault? Fault = null) : IEventureMessage;

/// <summary>An entity actor was restarted after a fault and needs its history again.</summary>
/// <param name="EntityId">The entity.</param>
public sealed record EntityRestarted(string EntityId) : IEventureMessage;
