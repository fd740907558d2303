using System.Collections.Immutable;

namespace Eventure.Actors.Engine;

/// <summary>What the shell must do after the engine took a step.</summary>
internal abstract record WaveStep
{
    /// <summary>Nothing yet: more answers are needed.</summary>
    public static WaveStep Waiting { get; } = new WaitingStep();

    /// <summary>Send each partition its work of wave <paramref name="Wave"/>, then wait for the answers.</summary>
    /// <param name="Tick">The tick.</param>
    /// <param name="Wave">The wave.</param>
    /// <param name="Work">One entry per partition that has work, in partition order.</param>
    public sealed record Send(long Tick, int Wave, ImmutableArray<PartitionWork> Work) : WaveStep;

    /// <summary>The tick is quiescent: every wave was delivered and answered.</summary>
    /// <param name="Routing">What the tick produced.</param>
    public sealed record Done(TickRouting Routing) : WaveStep;

    /// <summary>The tick cannot complete (a loop guard, silent entities): it is abandoned.</summary>
    /// <param name="Reason">What went wrong, for the error message.</param>
    public sealed record Failed(string Reason) : WaveStep;

    private sealed record WaitingStep : WaveStep;
}

/// <summary>One partition's work in one wave.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Entities">Its entities that have work, in the order they were first touched.</param>
internal sealed record PartitionWork(int Partition, ImmutableArray<EntityWork> Entities);

/// <summary>One entity's batch in one wave: its own new events to apply, then its deliveries in dispatch order.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Own">Its own events of the wave, with their ids (applied first).</param>
/// <param name="Deliveries">The events delivered to it, in dispatch order (one unit of work each).</param>
internal sealed record EntityWork(string EntityId, ImmutableArray<Event> Own, ImmutableArray<Event> Deliveries);

/// <summary>What routing a tick produced.</summary>
/// <param name="Tick">The tick.</param>
/// <param name="Events">Every event of the tick, in log order.</param>
/// <param name="Sources">The emitting entity of each event (null for runtime events and input).</param>
/// <param name="Origins">Who caused each event.</param>
/// <param name="Scheduled">Publishes into later ticks made during the waves, in order.</param>
/// <param name="Checksums">The latest state checksum of every entity that answered a wave.</param>
/// <param name="Waves">How many non-empty waves the tick took.</param>
/// <param name="Leaving">Entities that left during the tick (despawned themselves or faulted too often), in id order.</param>
/// <param name="Index">The subscription changes the tick applied, in order.</param>
internal sealed record TickRouting(
    long Tick,
    ImmutableArray<Event> Events,
    ImmutableArray<string?> Sources,
    ImmutableArray<EventOrigin> Origins,
    ImmutableArray<PendingEvent> Scheduled,
    ImmutableArray<(string EntityId, long Checksum)> Checksums,
    int Waves,
    ImmutableArray<string> Leaving,
    ImmutableArray<IndexChange> Index);
