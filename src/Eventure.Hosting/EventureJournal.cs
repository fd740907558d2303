using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Hosting;
using Eventure.Actors;
using Eventure.Persistence.Sql;

namespace Eventure.Hosting;

/// <summary>
/// The journal a hosted actor system uses for Eventure simulations: SQLite or PostgreSQL through
/// Akka.Persistence.Sql.Hosting, Akka's in-memory journal, or a HOCON overlay file. Choosing one touches nothing: a
/// SQLite file is created and prepared when the actor system starts.
/// </summary>
public sealed class EventureJournal
{
    private const string SqliteProvider = "SQLite.MS";
    private const string PostgresProvider = "PostgreSQL.15";

    // What the overlays in hocon/ tune beyond Akka.Persistence.Sql.Hosting's options (see docs/persistence.md).
    private static readonly Config SqlTuning = ConfigurationFactory.ParseString("""
        akka.persistence.journal.sql.replay-batch-size = 500
        akka.persistence.query.journal.sql.journal-sequence-retrieval.query-delay = 50ms
        """);

    // SQLite only (measured there): payloads bound as parameters, not hex literals in the SQL text.
    private static readonly Config SqliteTuning = ConfigurationFactory.ParseString("akka.persistence.journal.sql.prefer-parameters-on-multirow-insert = on");

    private readonly Action<AkkaConfigurationBuilder> _apply;

    private EventureJournal(string description, Action<AkkaConfigurationBuilder> apply, string? sqlitePath)
    {
        Description = description;
        _apply = apply;
        SqlitePath = sqlitePath;
    }

    /// <summary>What the journal is, for logs and messages.</summary>
    public string Description { get; }

    /// <summary>The SQLite file (a full path), when the journal is SQLite; it is prepared when the actor system starts.</summary>
    public string? SqlitePath { get; }

    /// <summary>Akka's in-memory journal and snapshot store: nothing survives the actor system (tests, throwaway runs).</summary>
    public static EventureJournal InMemory() => new(
        "in-memory",
        builder => builder.WithInMemoryJournal().WithInMemorySnapshotStore(),
        sqlitePath: null);

    /// <summary>The embedded SQLite journal at <paramref name="databasePath"/> (created if missing, WAL, busy timeout).</summary>
    public static EventureJournal Sqlite(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var full = Path.GetFullPath(databasePath);
        return new($"SQLite {full}", builder => ApplySql(builder, $"Data Source={full}", SqliteProvider, JournalDatabaseOptions.Sqlite, SnapshotDatabaseOptions.Sqlite, TagMode.Csv), full);
    }

    /// <summary>The PostgreSQL journal reached with <paramref name="connectionString"/>; tables are created on first use.</summary>
    public static EventureJournal Postgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return new("PostgreSQL", builder => ApplySql(builder, connectionString, PostgresProvider, JournalDatabaseOptions.PostgreSql, SnapshotDatabaseOptions.PostgreSql, TagMode.TagTable), null);
    }

    /// <summary>
    /// An overlay file such as <c>hocon/sqlite.conf</c>, read now (environment variables <c>EVENTURE_SQLITE_PATH</c> and
    /// <c>EVENTURE_POSTGRES</c> apply, as with <c>EventureConfig.Load</c>).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static EventureJournal FromFile(string overlayPath)
    {
        var config = EventureConfig.Load(overlayPath);
        return new(overlayPath, builder => builder.AddHocon(config, HoconAddMode.Append), EventureConfig.SqlitePathOf(config));
    }

    /// <summary>Adds the journal to <paramref name="builder"/>.</summary>
    internal void Apply(AkkaConfigurationBuilder builder) => _apply(builder);

    private static void ApplySql(
        AkkaConfigurationBuilder builder, string connectionString, string provider, JournalDatabaseOptions journalTables, SnapshotDatabaseOptions snapshotTables, TagMode tags)
    {
        var journal = new Akka.Persistence.Sql.Hosting.SqlJournalOptions(isDefaultPlugin: true)
        {
            ConnectionString = connectionString,
            ProviderName = provider,
            DatabaseOptions = journalTables,
            TagStorageMode = tags,
            AutoInitialize = true,
            QueryRefreshInterval = TimeSpan.FromMilliseconds(50),
        };
        var snapshots = new Akka.Persistence.Sql.Hosting.SqlSnapshotOptions(isDefaultPlugin: true)
        {
            ConnectionString = connectionString,
            ProviderName = provider,
            DatabaseOptions = snapshotTables,
            AutoInitialize = true,
        };
        builder.WithSqlPersistence(journal, snapshots);
        builder.AddHocon(provider == SqliteProvider ? SqliteTuning.WithFallback(SqlTuning) : SqlTuning, HoconAddMode.Append);
    }
}
