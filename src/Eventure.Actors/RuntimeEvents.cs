namespace Eventure.Actors;

/// <summary>
/// The events the runtime itself journals about the population: spawns, despawns and faults. Their types and
/// payloads are what a resume and a verification read back, so they are built (and read) in this one place.
/// </summary>
/// <remarks>
/// Payloads: <c>entity.spawned</c> <c>{"entity", "kind", "seed"}</c>; <c>entity.despawned</c>
/// <c>{"entity", "kind", "cause"}</c> with <c>cause</c> one of <c>"self"</c>, <c>"external"</c>, <c>"stopped"</c>,
/// <c>"faults"</c> (journals written before causes were recorded have no <c>cause</c>); <c>entity.faulted</c>
/// <c>{"entity", "exception", "message"}</c>. Every type under <c>entity.</c> is reserved for the runtime.
/// </remarks>
internal static class RuntimeEvents
{
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

    /// <summary>The prefix of every runtime event type; input may not use it.</summary>
    public const string ReservedPrefix = "entity.";

    /// <summary>The data key of a despawn's cause.</summary>
    public const string CauseKey = "cause";

    /// <summary>Whether <paramref name="type"/> belongs to the runtime (<c>entity.*</c>).</summary>
    public static bool IsReserved(string type) => type.StartsWith(ReservedPrefix, StringComparison.Ordinal);

    /// <summary>The error for input of a reserved type: the runtime's own events are never input.</summary>
    public static InvalidEventTypeException ReservedInputError(string type, string? paramName) =>
        new(type, $"the {ReservedPrefix}* types are reserved for the runtime's own events (spawns, despawns, faults); send input under another type.", paramName);

    /// <summary>An entity joined; the seed its random streams derive from is recorded with it.</summary>
    public static Emission Spawned(string entityId, string kind, int seed) =>
        new(SpawnedType, EventData.From(new Dictionary<string, object?> { ["entity"] = entityId, ["kind"] = kind, ["seed"] = (long)seed }), null, null);

    /// <summary>
    /// An entity left, and why (<see cref="CauseSelf"/>, <see cref="CauseExternal"/>, <see cref="CauseStopped"/> or
    /// <see cref="CauseFaults"/>); <paramref name="parentId"/> is the event it was handling when it left, if any.
    /// </summary>
    public static Emission Despawned(string entityId, string kind, string cause, string? parentId = null) =>
        new(DespawnedType, EventData.From(new Dictionary<string, object?> { ["entity"] = entityId, ["kind"] = kind, [CauseKey] = cause }), parentId, null);

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

    /// <summary>The simulation seed recorded by the first <c>entity.spawned</c> that records one, or <see langword="null"/>.</summary>
    public static int? SeedOf(IEnumerable<Event> events)
    {
        var spawned = events.FirstOrDefault(e => e.Type == SpawnedType && e.Data.ContainsKey("seed"));
        return spawned?.Data["seed"] is long seed ? checked((int)seed) : null;
    }

    /// <summary>
    /// The cause an <c>entity.despawned</c> records (<see cref="CauseSelf"/>, <see cref="CauseExternal"/>, ...), or
    /// <see langword="null"/> when it records none (a journal written before causes were recorded).
    /// </summary>
    public static string? CauseOf(Event e) =>
        e.Type == DespawnedType && e.Data.TryGetValue(CauseKey, out var cause) ? cause as string : null;

    /// <summary>Whether <paramref name="e"/> is an <c>entity.despawned</c> written before causes were recorded.</summary>
    public static bool IsUncausedDespawn(Event e) => e.Type == DespawnedType && !e.Data.ContainsKey(CauseKey);
}
