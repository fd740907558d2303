using System.Collections.Immutable;
using Akka.Actor;

namespace Eventure.Actors;

// Messages between the tick coordinator and the bus. Internal: users talk to the Simulation.

/// <summary>An event waiting for its id: what was emitted and by whom (null = runtime or external input).</summary>
/// <param name="Emission">The emission.</param>
/// <param name="Source">The emitting entity, or null.</param>
internal sealed record PendingEvent(Emission Emission, string? Source);

/// <summary>Routes one tick: wave 0 in its final order, plus subscription changes made on Tick.</summary>
/// <param name="TickNumber">The tick.</param>
/// <param name="Wave0">Wave 0, already ordered (with the <c>entity.despawned</c> of entities that despawned on Tick).</param>
/// <param name="Subscriptions">Subscription changes to apply before wave 0, already ordered.</param>
/// <param name="Despawning">Entities that despawned themselves on Tick: they get no delivery from wave 0 on.</param>
internal sealed record RouteTick(
    long TickNumber,
    ImmutableArray<PendingEvent> Wave0,
    ImmutableArray<(string EntityId, SubscriptionChange Change)> Subscriptions,
    ImmutableArray<string> Despawning) : IEventureMessage;

/// <summary>The tick is quiescent: every wave was delivered and acknowledged.</summary>
/// <param name="TickNumber">The tick.</param>
/// <param name="Events">Every event of the tick, in log order.</param>
/// <param name="Sources">The emitting entity of each event.</param>
/// <param name="Scheduled">Publishes into later ticks, in deterministic order.</param>
/// <param name="Checksums">The latest state checksum reported by each entity that handled a delivery.</param>
/// <param name="Waves">How many non-empty waves the tick took.</param>
/// <param name="Despawned">Every entity that despawned itself during the tick, in entity-id order.</param>
internal sealed record TickRouted(
    long TickNumber,
    ImmutableArray<Event> Events,
    ImmutableArray<string?> Sources,
    ImmutableArray<PendingEvent> Scheduled,
    ImmutableDictionary<string, long> Checksums,
    int Waves,
    ImmutableArray<string> Despawned) : IEventureMessage;

/// <summary>The tick could not be routed (cascade limit, timeout): it is abandoned.</summary>
/// <param name="TickNumber">The tick.</param>
/// <param name="Reason">What went wrong.</param>
internal sealed record RouteTickFailed(long TickNumber, string Reason) : IEventureMessage;

/// <summary>An entity joined: its actor and its initial subscriptions (applied now, in arrival order from the coordinator).</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Kind">Its registered kind (recorded in its <c>entity.despawned</c> if it despawns itself).</param>
/// <param name="Entity">Its actor.</param>
/// <param name="Subscriptions">Its subscriptions, in order.</param>
internal sealed record RegisterEntity(string EntityId, string Kind, IActorRef Entity, ImmutableArray<SubscriptionChange> Subscriptions) : IEventureMessage;

/// <summary>
/// A restarted entity is to be rebuilt: the bus adds the entity's own events of the tick it is routing (or has just
/// routed) that are not stored yet, and sends <see cref="InitializeEntity"/> on the coordinator's behalf.
/// </summary>
/// <param name="Init">The initialization with the entity's history through <paramref name="StoredThroughTick"/>.</param>
/// <param name="Entity">The entity's actor.</param>
/// <param name="StoredThroughTick">The last tick whose events the history holds.</param>
internal sealed record RebuildEntity(InitializeEntity Init, IActorRef Entity, long StoredThroughTick) : IEventureMessage;

/// <summary>An entity left: its subscriptions are removed.</summary>
/// <param name="EntityId">The entity.</param>
internal sealed record UnregisterEntity(string EntityId) : IEventureMessage;

/// <summary>Ids already used (after recovery), so generated ids continue after them.</summary>
/// <param name="Ids">The ids.</param>
internal sealed record ObserveIds(ImmutableArray<string> Ids) : IEventureMessage;
