using Akka.Configuration;
using Eventure.Actors.Persistence;
using Eventure.Actors;
using Eventure.Persistence.Sql;

namespace Eventure.Hosting;

/// <summary>The journal a hosted actor system uses for Eventure simulations: one of the <c>hocon/</c> overlays.</summary>
public sealed class EventureJournal
{
    private readonly Func<Config> _config;

    private EventureJournal(string description, Func<Config> config, string? sqlitePath)
    {
        Description = description;
        _config = config;
        SqlitePath = sqlitePath;
    }

    /// <summary>What the journal is, for logs and messages.</summary>
    public string Description { get; }

    /// <summary>The SQLite file, when the journal is SQLite (it is prepared before the actor system starts).</summary>
    public string? SqlitePath { get; }

    /// <summary>The in-memory journal: nothing survives the actor system (tests, throwaway runs).</summary>
    public static EventureJournal InMemory() => new("in-memory", EventureConfig.InMemory, null);

    /// <summary>The embedded SQLite journal at <paramref name="databasePath"/> (created if missing, WAL enabled).</summary>
    public static EventureJournal Sqlite(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var full = Path.GetFullPath(databasePath);
        return new($"SQLite {full}", () => EventureConfig.Sqlite(full), full);
    }

    /// <summary>The PostgreSQL journal reached with <paramref name="connectionString"/>.</summary>
    public static EventureJournal Postgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return new("PostgreSQL", () => EventureConfig.Postgres(connectionString), null);
    }

    /// <summary>
    /// An overlay file such as <c>hocon/sqlite.conf</c> (environment variables <c>EVENTURE_SQLITE_PATH</c> and
    /// <c>EVENTURE_POSTGRES</c> apply, as with <c>EventureConfig.Load</c>).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static EventureJournal FromFile(string overlayPath)
    {
        var config = EventureConfig.Load(overlayPath);
        var sqlite = EventureConfig.SqlitePathOf(config);
        return new(overlayPath, () => config, sqlite);
    }

    /// <summary>Prepares the journal (SQLite: folder, file and WAL) and returns its configuration.</summary>
    internal Config Prepare()
    {
        if (SqlitePath is { } path)
        {
            SqliteJournal.Prepare(path);
        }

        return _config();
    }
}
