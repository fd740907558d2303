using Akka.Configuration;
using Eventure.Actors;

namespace Eventure.Persistence.Sql;

/// <summary>
/// The SQLite and PostgreSQL overlays, as static members of <see cref="EventureConfig"/>
/// (<c>EventureConfig.Sqlite(path)</c>, <c>EventureConfig.Postgres(cs)</c>, <c>EventureConfig.Load(file)</c>) once
/// <c>using Eventure.Persistence.Sql;</c> is in scope. Each comes with Eventure's defaults, this package's defaults
/// (the writer lease) and the <see cref="EventureSqlProvider"/> extension, which prepares a SQLite database when the
/// actor system starts.
/// </summary>
public static class SqlConfig
{
    /// <summary>Static members added to <see cref="EventureConfig"/>.</summary>
    extension(EventureConfig)
    {
        /// <summary>
        /// The SQLite overlay (embedded copy of <c>hocon/sqlite.conf</c>) for the database at <paramref name="databasePath"/>.
        /// Nothing is touched now: the database is created and prepared (<see cref="SqliteJournal.Prepare"/>) when the
        /// actor system starts.
        /// </summary>
        public static Config Sqlite(string databasePath)
        {
            ArgumentException.ThrowIfNullOrEmpty(databasePath);
            return WithSqlDefaults(ConfigurationFactory.ParseString(Overlay("sqlite.conf") + Overrides(("eventure.persistence.sqlite.path", Path.GetFullPath(databasePath)))));
        }

        /// <summary>
        /// The SQLite overlay opened read-only: connections use <c>Mode=ReadOnly</c>, tables are never created and the
        /// file is never prepared, so readers (the CLI, <c>JournalReader</c>) cannot change it.
        /// </summary>
        public static Config SqliteReadOnly(string databasePath)
        {
            ArgumentException.ThrowIfNullOrEmpty(databasePath);
            var connection = SqliteJournal.ReadOnlyConnectionString(databasePath);
            var readOnly = ConfigurationFactory.ParseString(
                Overrides(
                    ("akka.persistence.journal.sql.connection-string", connection),
                    ("akka.persistence.query.journal.sql.connection-string", connection),
                    ("akka.persistence.snapshot-store.sql.connection-string", connection)) +
                "akka.persistence.journal.sql.auto-initialize = off\nakka.persistence.snapshot-store.sql.auto-initialize = off\neventure.writer.lease = off\n");
            return readOnly.WithFallback(EventureConfig.Sqlite(databasePath));
        }

        /// <summary>The PostgreSQL overlay (embedded copy of <c>hocon/postgres.conf</c>) with <paramref name="connectionString"/>.</summary>
        public static Config Postgres(string connectionString)
        {
            ArgumentException.ThrowIfNullOrEmpty(connectionString);
            return WithSqlDefaults(ConfigurationFactory.ParseString(Overlay("postgres.conf") + Overrides(("eventure.persistence.postgres.connection-string", connectionString))));
        }

        /// <summary>
        /// Loads an overlay file such as <c>hocon/sqlite.conf</c>, with the defaults as fallback. The environment
        /// variables <c>EVENTURE_SQLITE_PATH</c> and <c>EVENTURE_POSTGRES</c>, when set, override the database
        /// path and the PostgreSQL connection string.
        /// </summary>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        public static Config Load(string overlayPath) => EventureConfig.Load(overlayPath, sqlitePath: null);

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
            return WithSqlDefaults(ConfigurationFactory.ParseString(text + Overrides(
                ("eventure.persistence.sqlite.path", sqlitePath is null ? Environment.GetEnvironmentVariable("EVENTURE_SQLITE_PATH") : Path.GetFullPath(sqlitePath)),
                ("eventure.persistence.postgres.connection-string", Environment.GetEnvironmentVariable("EVENTURE_POSTGRES")))));
        }

        /// <summary>
        /// The SQLite file <paramref name="config"/>'s journal writes to (a full path), or <see langword="null"/> when
        /// its journal is not SQLite.
        /// </summary>
        public static string? SqlitePathOf(Config config) => SqliteDatabases.JournalPathOf(config);
    }

    /// <summary>This package's defaults (<c>reference.conf</c>): the writer lease and its auto-lease entry.</summary>
    public static Config Defaults => EventureSql.Reference;

    /// <summary><paramref name="overlay"/> over this package's defaults and Eventure's.</summary>
    private static Config WithSqlDefaults(Config overlay) => EventureConfig.WithDefaults(overlay.WithFallback(Defaults));

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
                text.Append(key).Append(" = ").Append(Quote(value)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary><paramref name="value"/> as a quoted HOCON string.</summary>
    internal static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Overlay(string name)
    {
        using var stream = typeof(SqlConfig).Assembly.GetManifestResourceStream($"Eventure.Persistence.Sql.hocon.{name}")
            ?? throw new InvalidOperationException($"The embedded overlay {name} is missing from Eventure.Persistence.Sql.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
