namespace Eventure.Actors.Verification;

/// <summary>Something a journaled tick received from outside the simulation, which a re-simulation replays.</summary>
internal abstract record ExternalAction;

/// <summary>An entity spawned from outside (<c>SpawnAsync</c>, <c>SpawnManyAsync</c>), respawned by its kind.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Kind">Its registered kind.</param>
internal sealed record SpawnAction(string EntityId, string Kind) : ExternalAction;

/// <summary>An entity despawned from outside (<c>DespawnAsync</c>).</summary>
/// <param name="EntityId">The entity.</param>
internal sealed record DespawnAction(string EntityId) : ExternalAction;

/// <summary>External input (<c>SendInputAsync</c>).</summary>
/// <param name="Type">The event type.</param>
/// <param name="Data">The payload.</param>
internal sealed record InputAction(string Type, IReadOnlyDictionary<string, object?> Data) : ExternalAction;
