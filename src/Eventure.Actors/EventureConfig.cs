using Akka.Configuration;

namespace Eventure.Actors;

/// <summary>
/// Builds actor-system configuration for Eventure: the embedded defaults (<c>reference.conf</c>, which also
/// binds the journal serializer) plus a journal overlay from <c>hocon/</c>.
/// </summary>
/// <example>
/// <code>
/// SqliteJournal.Prepare("eventure-data/town.db");
/// using var system = ActorSystem.Create("town", EventureConfig.Sqlite("eventure-data/town.db"));
/// </code>
/// </example>
public static class EventureConfig
{
    /// <summary>The embedded defaults alone (in-memory journal unless the system says otherwise).</summary>
    public static Config Default => EventureSettings.DefaultConfig;

    /// <summary>The defaults under <paramref name="config"/> (user values win).</summary>
    public static Config WithDefaults(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.WithFallback(Default);
    }

    /// <summary>
    /// Loads an overlay file such as <c>hocon/sqlite.conf</c>, with the defaults as fallback. The environment
    /// variables <c>EVENTURE_SQLITE_PATH</c> and <c>EVENTURE_POSTGRES</c>, when set, override the database
    /// path and the PostgreSQL connection string.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Config Load(string overlayPath) => Load(overlayPath, sqlitePath: null);

    /// <summary>
    /// Loads an overlay file with the defaults as fallback, using <paramref name="sqlitePath"/> (when given) as
    /// the database of a SQLite overlay. The path is set before the overlay's substitutions are resolved, so
    /// the journal, snapshot store and read journal all use it.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Config Load(string overlayPath, string? sqlitePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(overlayPath);
        if (!File.Exists(overlayPath))
        {
            throw new FileNotFoundException($"No configuration overlay at {overlayPath} (the overlays live in the repository's hocon/ folder).", overlayPath);
        }

        var text = File.ReadAllText(overlayPath);
        return WithDefaults(ConfigurationFactory.ParseString(text + Overrides(
            ("eventure.persistence.sqlite.path", sqlitePath is null ? Environment.GetEnvironmentVariable("EVENTURE_SQLITE_PATH") : Path.GetFullPath(sqlitePath)),
            ("eventure.persistence.postgres.connection-string", Environment.GetEnvironmentVariable("EVENTURE_POSTGRES")))));
    }

    /// <summary>
    /// The SQLite file <paramref name="config"/>'s journal writes to (a full path), or <see langword="null"/> when
    /// its journal is not SQLite.
    /// </summary>
    public static string? SqlitePathOf(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var plugin = config.GetString("akka.persistence.journal.plugin", string.Empty);
        return !string.IsNullOrEmpty(plugin) && config.GetString($"{plugin}.provider-name", string.Empty) == "SQLite.MS"
            ? Path.GetFullPath(config.GetString("eventure.persistence.sqlite.path"))
            : null;
    }

    /// <summary>
    /// A default dispatcher with exactly <paramref name="threads"/> dedicated threads and no message batching, to
    /// put in front of another configuration. Results never depend on it (docs/determinism.md); the specs use
    /// it to prove that.
    /// </summary>
    public static Config DedicatedThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        return ConfigurationFactory.ParseString($$"""
            akka.actor.default-dispatcher {
              type = ForkJoinDispatcher
              throughput = 1
              dedicated-thread-pool {
                thread-count = {{threads}}
                threadtype = background
              }
            }
            """);
    }

    /// <summary>The in-memory overlay (embedded copy of <c>hocon/inmem.conf</c>) with the defaults.</summary>
    public static Config InMemory() => WithDefaults(ConfigurationFactory.ParseString(Overlay("inmem.conf")));

    /// <summary>The SQLite overlay (embedded copy of <c>hocon/sqlite.conf</c>) for the database at <paramref name="databasePath"/>.</summary>
    public static Config Sqlite(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        return WithDefaults(ConfigurationFactory.ParseString(Overlay("sqlite.conf") + Overrides(("eventure.persistence.sqlite.path", Path.GetFullPath(databasePath)))));
    }

    /// <summary>
    /// The SQLite overlay opened read-only: connections use <c>Mode=ReadOnly</c> and tables are never created,
    /// so readers (the CLI, <c>JournalReader</c>) cannot change the file.
    /// </summary>
    public static Config SqliteReadOnly(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var connection = Persistence.SqliteJournal.ReadOnlyConnectionString(databasePath);
        var readOnly = ConfigurationFactory.ParseString(
            Overrides(
                ("akka.persistence.journal.sql.connection-string", connection),
                ("akka.persistence.query.journal.sql.connection-string", connection),
                ("akka.persistence.snapshot-store.sql.connection-string", connection)) +
            "akka.persistence.journal.sql.auto-initialize = off\nakka.persistence.snapshot-store.sql.auto-initialize = off\n");
        return readOnly.WithFallback(Sqlite(databasePath));
    }

    /// <summary>The PostgreSQL overlay (embedded copy of <c>hocon/postgres.conf</c>) with <paramref name="connectionString"/>.</summary>
    public static Config Postgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return WithDefaults(ConfigurationFactory.ParseString(Overlay("postgres.conf") + Overrides(("eventure.persistence.postgres.connection-string", connectionString))));
    }

    /// <summary>
    /// Assignments appended after an overlay: HOCON resolves substitutions against the final value, so the
    /// overlay's own references pick them up.
    /// </summary>
    private static string Overrides(params (string Key, string? Value)[] values)
    {
        var text = new System.Text.StringBuilder("\n");
        foreach (var (key, value) in values)
        {
            if (!string.IsNullOrEmpty(value))
            {
                var quoted = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
                text.Append(key).Append(" = \"").Append(quoted).Append("\"\n");
            }
        }

        return text.ToString();
    }

    private static string Overlay(string name)
    {
        using var stream = typeof(EventureConfig).Assembly.GetManifestResourceStream($"Eventure.Actors.hocon.{name}")
            ?? throw new InvalidOperationException($"The embedded overlay {name} is missing from Eventure.Actors.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
