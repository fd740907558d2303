using Microsoft.Data.Sqlite;

namespace Eventure.Persistence.Sql;

/// <summary>Preparation of an embedded SQLite journal file.</summary>
public static class SqliteJournal
{
    /// <summary>The header bytes read: the 16-byte magic string and, at 18 and 19, the WAL read/write versions.</summary>
    private const int HeaderBytes = 20;

    /// <summary>
    /// How long one attempt waits inside SQLite for another connection's lock, unless
    /// <see cref="Prepare(string, TimeSpan?)"/> is given another value: 1 s. The whole wait stays bounded by
    /// Microsoft.Data.Sqlite's command timeout (30 s, or the connection string's <c>Default Timeout</c>), which
    /// retries an attempt that gave up.
    /// </summary>
    public static TimeSpan DefaultBusyTimeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Creates the database's folder and file if needed and switches it to write-ahead logging (WAL), which
    /// lets queries read while the journal writes. It also gives every SQLite connection the process opens from
    /// now on a busy timeout, so a writer that finds the database locked waits for the lock in short steps
    /// instead of Microsoft.Data.Sqlite's fixed 150 ms retry sleep. Call it before the actor system starts.
    /// </summary>
    /// <param name="databasePath">The database file.</param>
    /// <param name="busyTimeout">The busy timeout of connections opened from now on, process-wide (the last call
    /// wins); <see cref="DefaultBusyTimeout"/> when null.</param>
    /// <exception cref="SqliteException">The file cannot be opened (for example it is not a database or is read-only).</exception>
    public static void Prepare(string databasePath, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        UseBusyTimeout(busyTimeout ?? DefaultBusyTimeout);
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
    /// for a WAL database with no write-ahead log present (no writer is active and the last one checkpointed),
    /// opened as immutable so SQLite does not even create its shared-memory index file next to the database.
    /// A database in rollback-journal mode, or one a writer has open, is read with normal locking.
    /// </summary>
    /// <param name="databasePath">The database file.</param>
    /// <param name="busyTimeoutSeconds">How long to wait for a lock before failing.</param>
    public static string ReadOnlyConnectionString(string databasePath, int busyTimeoutSeconds = 30)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var full = Path.GetFullPath(databasePath);
        var quiet = IsWalDatabase(full) && !File.Exists(full + "-wal");
        return new SqliteConnectionStringBuilder
        {
            DataSource = quiet ? new Uri(full).AbsoluteUri + "?immutable=1" : full,
            Mode = SqliteOpenMode.ReadOnly,
            DefaultTimeout = busyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>Whether <paramref name="path"/> is a SQLite database file (by its header, whatever its name).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static bool IsSqliteDatabase(string path)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        return ReadHeader(path, header);
    }

    /// <summary>Whether the file's header marks it as a WAL database (read and write versions 2).</summary>
    private static bool IsWalDatabase(string path)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        try
        {
            return ReadHeader(path, header) && header[18] == 2 && header[19] == 2;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Reads the first bytes of the file into <paramref name="header"/>; true when they start a SQLite file.</summary>
    private static bool ReadHeader(string path, Span<byte> header)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.StartsWith("SQLite format 3\0"u8);
    }

    /// <summary>
    /// Gives every SQLite connection the process opens from now on a busy timeout of <paramref name="timeout"/>
    /// (<see cref="Prepare"/> does it too). Connections already open, including pooled ones, keep theirs.
    /// </summary>
    /// <returns>Whether it applies: false when the application uses a SQLite build other than Microsoft.Data.Sqlite's
    /// <c>e_sqlite3</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    public static bool UseBusyTimeout(TimeSpan timeout) => SqliteBusyTimeout.Apply(timeout);

    /// <summary>Closes pooled connections (call before deleting or moving a database file).</summary>
    public static void ReleaseConnections() => SqliteConnection.ClearAllPools();
}
