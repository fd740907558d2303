namespace Eventure.Actors;

/// <summary>
/// The events the runtime itself journals about the population: spawns, despawns and faults. Their types and
/// payloads are what a resume reads back, so they are built in this one place.
/// </summary>
internal static class RuntimeEvents
{
    public const string SpawnedType = "entity.spawned";
    public const string DespawnedType = "entity.despawned";
    public const string FaultedType = "entity.faulted";

    /// <summary>An entity joined; the seed its random streams derive from is recorded with it.</summary>
    public static Emission Spawned(string entityId, string kind, int seed) =>
        new(SpawnedType, EventData.From(new Dictionary<string, object?> { ["entity"] = entityId, ["kind"] = kind, ["seed"] = (long)seed }), null, null);

    /// <summary>An entity left; <paramref name="parentId"/> is the event it was handling when it despawned itself.</summary>
    public static Emission Despawned(string entityId, string kind, string? parentId = null) =>
        new(DespawnedType, EventData.From(new Dictionary<string, object?> { ["entity"] = entityId, ["kind"] = kind }), parentId, null);

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
