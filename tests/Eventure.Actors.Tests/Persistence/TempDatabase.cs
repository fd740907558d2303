using Eventure.Actors.Persistence;
using Eventure.Persistence.Sql;

namespace Eventure.Actors.Tests.Persistence;

/// <summary>A SQLite file in a private temp folder, prepared (WAL) and deleted after the test.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("eventure-db-").FullName;

    public TempDatabase()
    {
        Path = System.IO.Path.Combine(_folder, "journal.db");
        SqliteJournal.Prepare(Path);
    }

    public string Path { get; }

    public long Count(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Execute(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteJournal.ReleaseConnections();
        Directory.Delete(_folder, recursive: true);
    }
}
