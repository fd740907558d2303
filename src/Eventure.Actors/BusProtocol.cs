using System.Collections.Immutable;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

// Messages between the tick coordinator and the bus. Internal: users talk to the Simulation.

/// <summary>Entities joined (in this order), each with its first subscriptions.</summary>
/// <param name="Entities">The entities.</param>
internal sealed record RegisterEntities(ImmutableArray<(string EntityId, string Kind, ImmutableArray<SubscriptionChange> Subscriptions)> Entities) : IEventureMessage;

/// <summary>Entities left: their subscriptions are removed.</summary>
/// <param name="EntityIds">The entities.</param>
internal sealed record UnregisterEntities(ImmutableArray<string> EntityIds) : IEventureMessage;

/// <summary>Routes one tick: wave 0 and what the barrier decided (<see cref="BarrierStep.Route"/>).</summary>
/// <param name="Route">What to route.</param>
/// <param name="Epoch">The attempt at running the tick (stamped on its waves).</param>
internal sealed record RouteTick(BarrierStep.Route Route, long Epoch = 0) : IEventureMessage;

/// <summary>Abandons the tick being routed (a partition was lost): the subscription index is back as the tick found it.</summary>
internal sealed record AbortRouting : IEventureMessage
{
    /// <summary>The single instance.</summary>
    public static AbortRouting Instance { get; } = new();
}

/// <summary>The tick is quiescent: every wave was delivered and answered.</summary>
/// <param name="Routing">What the waves produced.</param>
/// <param name="Epoch">The epoch of the <see cref="RouteTick"/> answered.</param>
internal sealed record TickRouted(TickRouting Routing, long Epoch = 0) : IEventureMessage;

/// <summary>The tick could not be routed (a loop guard, silent entities): it is abandoned.</summary>
/// <param name="TickNumber">The tick.</param>
/// <param name="Reason">What went wrong.</param>
internal sealed record RouteTickFailed(long TickNumber, string Reason) : IEventureMessage;

/// <summary>Rebuilds the subscription index on resume (see <see cref="WaveRouter.Resume"/>).</summary>
/// <param name="Entities">The live entities.</param>
/// <param name="Snapshot">The index of the snapshot the resume starts from (empty without one).</param>
/// <param name="Steps">What changed the index after it, in order.</param>
/// <param name="FromStart">What each entity subscribed to in <c>OnStart</c>.</param>
internal sealed record RestoreIndex(
    ImmutableArray<(string EntityId, string Kind)> Entities,
    ImmutableArray<(string Pattern, ImmutableArray<string> EntityIds)> Snapshot,
    ImmutableArray<IndexStep> Steps,
    ImmutableDictionary<string, ImmutableArray<SubscriptionChange>> FromStart) : IEventureMessage;

/// <summary>Asks for the subscription index, for a snapshot. Answered with <see cref="CurrentSubscriptions"/>.</summary>
/// <param name="Tick">The last stored tick.</param>
internal sealed record GetSubscriptions(long Tick) : IEventureMessage;

/// <summary>The subscription index: every pattern in first-subscribed order, with its subscribers in order.</summary>
/// <param name="Tick">The tick asked about.</param>
/// <param name="Index">The index.</param>
internal sealed record CurrentSubscriptions(long Tick, ImmutableArray<(string Pattern, ImmutableArray<string> EntityIds)> Index) : IEventureMessage;
