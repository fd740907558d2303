using Akka.Actor;
using Akka.Configuration;

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
    public static async Task<IReadOnlyList<AppendTick>> LoadTicksAsync(ActorSystem system, string simulationId, TimeSpan? timeout = null)
    {
        return (await AskLogAsync<StoredTicks>(system, simulationId, new GetStoredTicks(0), timeout)).Ticks;
    }

    /// <summary>Recovers a short-lived, read-only log actor for the simulation, asks it one query and stops it.</summary>
    private static Task<T> AskLogAsync<T>(ActorSystem system, string simulationId, object query, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentException.ThrowIfNullOrEmpty(simulationId);
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
        return TimeTravel.StateAt(await LoadTicksAsync(system, simulationId), tick, initial, apply, entityId);
    }

    /// <summary>
    /// Reads simulation <paramref name="simulationId"/> from the SQLite journal at <paramref name="databasePath"/>
    /// with a private, short-lived actor system. Nothing is written to the file.
    /// </summary>
    /// <exception cref="FileNotFoundException">The database file does not exist.</exception>
    public static async Task<EventLog> LoadSqliteAsync(string databasePath, string simulationId, long? untilTick = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"No journal database at {databasePath}.", databasePath);
        }

        var quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");
        using var system = ActorSystem.Create("eventure-reader", quiet.WithFallback(EventureConfig.SqliteReadOnly(databasePath)));
        try
        {
            return await LoadAsync(system, simulationId, untilTick);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
