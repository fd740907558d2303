using System.Collections.Immutable;
using Akka.Actor;

namespace Eventure.Actors.Persistence;

/// <summary>
/// Loads a persisted simulation into a core <see cref="EventLog"/>, so every <see cref="EventQuery"/>
/// feature (cascades, roots, the viewer) works on journals, without running the simulation.
/// </summary>
public static class JournalReader
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Reads simulation <paramref name="simulationId"/> from the journal configured in <paramref name="system"/>:
    /// every complete tick, or those up to <paramref name="untilTick"/>. An unknown id gives an empty log.
    /// </summary>
    public static async Task<EventLog> LoadAsync(ActorSystem system, string simulationId, long? untilTick = null, TimeSpan? timeout = null)
    {
        object query = untilTick is { } tick ? new GetEventLogAtTick(tick) : GetEventLog.Instance;
        return (await AskLogAsync<EventLogResult>(system, simulationId, query, timeout)).Log;
    }

    /// <summary>
    /// Reads every complete tick of simulation <paramref name="simulationId"/> with its journaled checksum and
    /// per-event sources (the entity that published each event, or null for runtime and external input).
    /// </summary>
    public static async Task<IReadOnlyList<StoredTick>> LoadTicksAsync(ActorSystem system, string simulationId, TimeSpan? timeout = null) =>
        [.. (await ReadTicksAsync(system, simulationId, timeout)).Select(StoredTick.From)];

    /// <summary>Every complete tick as the log actors hold them (the verifier compares them with a re-simulation's).</summary>
    internal static async Task<ImmutableArray<AppendTick>> ReadTicksAsync(ActorSystem system, string simulationId, TimeSpan? timeout = null) =>
        (await AskLogAsync<StoredTicks>(system, simulationId, new GetStoredTicks(0), timeout)).Ticks;

    /// <summary>Reads the simulation's journal rows once with the query that answers <paramref name="query"/>.</summary>
    private static Task<T> AskLogAsync<T>(ActorSystem system, string simulationId, object query, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentException.ThrowIfNullOrEmpty(simulationId);
        EventureExtension.Get(system);
        JournalQuery read = query switch
        {
            GetEventLogAtTick at => new EventLogQuery(at.Tick),
            GetEventLog => new EventLogQuery(),
            GetStoredTicks from => new StoredTicksQuery(from.FromTick),
            _ => throw new ArgumentException($"Unknown journal query {query.GetType().Name}.", nameof(query)),
        };

        // Straight from the journal's rows, never from a snapshot: an edited or lost row shows.
        return JournalReading.AskAsync<T>(system, EventLogActor.PersistenceIdOf(simulationId), read, timeout ?? DefaultTimeout);
    }

    /// <summary>
    /// Time travel on a journal: state at the end of <paramref name="tick"/>, folded with <paramref name="apply"/>
    /// over every event, or over <paramref name="entityId"/>'s own events.
    /// </summary>
    /// <typeparam name="TState">The state.</typeparam>
    public static async Task<TState> GetStateAtTickAsync<TState>(ActorSystem system, string simulationId, long tick, TState initial, Func<TState, Event, TState> apply, string? entityId = null)
    {
        ArgumentNullException.ThrowIfNull(apply);
        return TimeTravel.StateAt(await ReadTicksAsync(system, simulationId), tick, initial, apply, entityId);
    }
}
