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

    /// <summary>Closes pooled connections (call before deleting or moving a database file).</summary>
    public static void ReleaseConnections() => SqliteConnection.ClearAllPools();
}
