using System.Collections.Immutable;

namespace Eventure.Actors.Engine;

/// <summary>What the shell must do after the clock took a step.</summary>
internal abstract record BarrierStep
{
    /// <summary>Nothing yet: more answers to the Tick are needed.</summary>
    public static BarrierStep Waiting { get; } = new WaitingStep();

    /// <summary>Send a Tick to these partitions and wait for their answers.</summary>
    /// <param name="Tick">The tick.</param>
    /// <param name="Partitions">The partitions that host entities.</param>
    public sealed record SendTick(long Tick, ImmutableArray<int> Partitions) : BarrierStep;

    /// <summary>The barrier is done: route wave 0.</summary>
    /// <param name="Tick">The tick.</param>
    /// <param name="Wave0">Wave 0 in its final order.</param>
    /// <param name="Changes">Subscription changes made on Tick, in entity-id order (applied before wave 0).</param>
    /// <param name="Leaving">Entities that left on Tick: they get no delivery from wave 0 on.</param>
    /// <param name="Faults">How many faults each entity had on Tick (counted towards the per-tick limit).</param>
    public sealed record Route(
        long Tick,
        ImmutableArray<PendingEvent> Wave0,
        ImmutableArray<(string EntityId, SubscriptionChange Change)> Changes,
        ImmutableArray<string> Leaving,
        ImmutableArray<(string EntityId, int Faults)> Faults) : BarrierStep;

    /// <summary>The tick cannot complete (silent entities): it is abandoned.</summary>
    /// <param name="Reason">What went wrong.</param>
    public sealed record Failed(string Reason) : BarrierStep;

    private sealed record WaitingStep : BarrierStep;
}
