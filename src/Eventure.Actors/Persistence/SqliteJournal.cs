using Microsoft.Data.Sqlite;

namespace Eventure.Actors.Persistence;

/// <summary>Preparation of an embedded SQLite journal file.</summary>
public static class SqliteJournal
{
    /// <summary>
    /// Creates the database's folder and file if needed and switches it to write-ahead logging (WAL), which
    /// lets queries read while the journal writes. Call it before the actor system starts.
    /// </summary>
    /// <exception cref="SqliteException">The file cannot be opened (for example it is not a database or is read-only).</exception>
    public static void Prepare(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var full = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var connection = new SqliteConnection($"Data Source={full}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused write-ahead logging for {full} (journal_mode is '{mode}').");
        }
    }

    /// <summary>
    /// A connection string that reads <paramref name="databasePath"/> without writing anything: read-only, and
    /// when no write-ahead log is pending (no writer is active and the last one checkpointed), opened as
    /// immutable so SQLite does not even create its shared-memory index file next to the database.
    /// </summary>
    public static string ReadOnlyConnectionString(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var full = Path.GetFullPath(databasePath);
        var walPending = File.Exists(full + "-wal") && new FileInfo(full + "-wal").Length > 0;
        return new SqliteConnectionStringBuilder
        {
            DataSource = walPending ? full : new Uri(full).AbsoluteUri + "?immutable=1",
            Mode = SqliteOpenMode.ReadOnly,
        }.ToString();
    }

    /// <summary>Closes pooled connections (call before deleting or moving a database file).</summary>
    public static void ReleaseConnections() => SqliteConnection.ClearAllPools();
}
