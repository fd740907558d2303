namespace Eventure.Actors;

/// <summary>
/// The events the runtime itself journals about the population: spawns, despawns and faults. Their types and
/// payloads are what a resume reads back, so they are built in this one place.
/// </summary>
internal static class RuntimeEvents
{
    /// <summary>The prefix of the types the runtime reserves for itself.</summary>
    public const string ReservedPrefix = "entity.";

    public const string SpawnedType = "entity.spawned";
    public const string DespawnedType = "entity.despawned";
    public const string FaultedType = "entity.faulted";

    /// <summary>The <c>cause</c> of an <c>entity.despawned</c>: the entity called <c>Despawn()</c>.</summary>
    public const string CauseSelf = "self";

    /// <summary>The <c>cause</c> of an <c>entity.despawned</c>: <c>DespawnAsync</c> from outside.</summary>
    public const string CauseExternal = "external";

    /// <summary>The <c>cause</c> of an <c>entity.despawned</c>: the actor stopped without the runtime asking it to.</summary>
    public const string CauseStopped = "stopped";

    /// <summary>The <c>cause</c> of an <c>entity.despawned</c>: it reached <c>eventure.entity.max-faults-per-tick</c>.</summary>
    public const string CauseFaults = "faults";

    /// <summary>An entity joined; the seed its random streams derive from is recorded with it.</summary>
    public static Emission Spawned(string entityId, string kind, int seed) =>
        new(SpawnedType, EventData.From(new Dictionary<string, object?> { ["entity"] = entityId, ["kind"] = kind, ["seed"] = (long)seed }), null, null);

    /// <summary>
    /// An entity left, and why (<see cref="CauseSelf"/>, <see cref="CauseExternal"/>, <see cref="CauseStopped"/> or
    /// <see cref="CauseFaults"/>); <paramref name="parentId"/> is the event it was handling when it left, if any.
    /// </summary>
    public static Emission Despawned(string entityId, string kind, string cause, string? parentId = null) =>
        new(DespawnedType, EventData.From(new Dictionary<string, object?> { ["entity"] = entityId, ["kind"] = kind, ["cause"] = cause }), parentId, null);

    /// <summary>An entity threw while handling the event <paramref name="parentId"/> (or its tick, when null).</summary>
    public static Emission Faulted(string entityId, EntityFault fault, string? parentId) =>
        new(
            FaultedType,
            EventData.From(new Dictionary<string, object?>
            {
                ["entity"] = entityId,
                ["exception"] = fault.ExceptionType,
                ["message"] = fault.Message,
            }),
            parentId,
            null);
}
