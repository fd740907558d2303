using System.Collections.Immutable;
using Akka.Actor;

namespace Eventure.Actors;

// The public protocol of the TickCoordinator. The Simulation class wraps it; actors may use it directly.

/// <summary>Spawns an entity actor (between ticks). Answered with <see cref="EntitySpawned"/>.</summary>
/// <param name="EntityId">The entity id (unique among live entities).</param>
/// <param name="Kind">The stable kind name journaled in <c>entity.spawned</c>.</param>
/// <param name="Props">How to create the actor.</param>
public sealed record SpawnEntity(string EntityId, string Kind, Props Props) : IEventureMessage, Akka.Actor.INoSerializationVerificationNeeded;

/// <summary>The entity is live and subscribed; its <c>entity.spawned</c> event joins the next tick.</summary>
/// <param name="EntityId">The entity.</param>
public sealed record EntitySpawned(string EntityId) : IEventureMessage;

/// <summary>
/// Spawns a whole population at once (between ticks): every actor is created first, then all initialize in
/// parallel. The journal gets the same events as spawning them one by one in this order. All or nothing: if
/// an id is invalid or an entity fails to start, none is spawned. Answered with <see cref="EntitiesSpawned"/>.
/// </summary>
/// <param name="Entities">The entities, in the order their <c>entity.spawned</c> events are journaled.</param>
public sealed record SpawnEntities(ImmutableArray<SpawnEntity> Entities) : IEventureMessage, Akka.Actor.INoSerializationVerificationNeeded;

/// <summary>Every entity of a <see cref="SpawnEntities"/> is live; their <c>entity.spawned</c> events join the next tick.</summary>
/// <param name="Count">How many entities were spawned.</param>
public sealed record EntitiesSpawned(int Count) : IEventureMessage;

/// <summary>Stops an entity (between ticks). Answered with <see cref="EntityDespawned"/>.</summary>
/// <param name="EntityId">The entity.</param>
public sealed record DespawnEntity(string EntityId) : IEventureMessage;

/// <summary>The entity is gone; its <c>entity.despawned</c> event joins the next tick.</summary>
/// <param name="EntityId">The entity.</param>
public sealed record EntityDespawned(string EntityId) : IEventureMessage;

/// <summary>Runs <paramref name="Count"/> ticks as fast as possible. Answered with <see cref="RunCompleted"/>.</summary>
/// <param name="Count">How many ticks.</param>
public sealed record RunTicks(long Count) : IEventureMessage;

/// <summary>Runs until tick <paramref name="Tick"/> is complete. Answered with <see cref="RunCompleted"/>.</summary>
/// <param name="Tick">The last tick to run.</param>
public sealed record RunUntilTick(long Tick) : IEventureMessage;

/// <summary>The requested ticks are complete.</summary>
/// <param name="LastTick">The last completed tick (-1 if none).</param>
/// <param name="TicksRun">How many ticks this run completed.</param>
public sealed record RunCompleted(long LastTick, long TicksRun) : IEventureMessage;

/// <summary>Pauses: the current tick finishes, then the clock stops until <see cref="ResumeSimulation"/>.</summary>
public sealed record PauseSimulation : IEventureMessage
{
    /// <summary>The single instance.</summary>
    public static PauseSimulation Instance { get; } = new();

    private PauseSimulation()
    {
    }
}

/// <summary>Resumes a paused clock (and any run that was waiting).</summary>
public sealed record ResumeSimulation : IEventureMessage
{
    /// <summary>The single instance.</summary>
    public static ResumeSimulation Instance { get; } = new();

    private ResumeSimulation()
    {
    }
}

/// <summary>
/// Real-time mode: one tick every <paramref name="Interval"/> until <see cref="StopRealtime"/>, or until tick
/// <paramref name="UntilTick"/> has run when one is given.
/// </summary>
/// <param name="Interval">The tick interval.</param>
/// <param name="UntilTick">The last tick to run in real time, or <see langword="null"/> for no end.</param>
public sealed record StartRealtime(TimeSpan Interval, long? UntilTick = null) : IEventureMessage;

/// <summary>Leaves real-time mode.</summary>
public sealed record StopRealtime : IEventureMessage
{
    /// <summary>The single instance.</summary>
    public static StopRealtime Instance { get; } = new();

    private StopRealtime()
    {
    }
}

/// <summary>External input: an event that joins the next tick's wave 0, in arrival order, and is journaled.</summary>
/// <param name="Type">The event type.</param>
/// <param name="Data">The payload.</param>
public sealed record SendInput(string Type, EventData Data) : IEventureMessage;

/// <summary>The input was accepted for tick <paramref name="Tick"/>.</summary>
/// <param name="Tick">The tick it joins.</param>
public sealed record InputAccepted(long Tick) : IEventureMessage;

/// <summary>Sends every <see cref="TickCompleted"/> to <paramref name="Watcher"/> from now on.</summary>
/// <param name="Watcher">Who gets told.</param>
public sealed record WatchTicks(IActorRef Watcher) : IEventureMessage;

/// <summary>A tick is complete and stored.</summary>
/// <param name="Tick">The tick.</param>
/// <param name="EventCount">How many events it logged.</param>
/// <param name="Checksum">Events and entity states folded together; equal runs have equal checksums.</param>
public sealed record TickCompleted(long Tick, int EventCount, long Checksum) : IEventureMessage;

/// <summary>Asks for <see cref="SimulationStatus"/>.</summary>
public sealed record GetSimulationStatus : IEventureMessage
{
    /// <summary>The single instance.</summary>
    public static GetSimulationStatus Instance { get; } = new();

    private GetSimulationStatus()
    {
    }
}

/// <summary>Where the simulation stands.</summary>
/// <param name="NextTick">The tick that will run next.</param>
/// <param name="EntityCount">Live entities.</param>
/// <param name="Paused">Whether the clock is paused.</param>
/// <param name="Failure">Why the simulation stopped, if it did.</param>
public sealed record SimulationStatus(long NextTick, int EntityCount, bool Paused, string? Failure) : IEventureMessage;
