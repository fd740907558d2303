using Eventure.Actors.Persistence;
using Eventure.Persistence.Sql;

namespace Eventure.Benchmarks.Log;

/// <summary>A prepared (WAL) SQLite file in a temp folder, removed afterwards.</summary>
public sealed class BenchDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("eventure-bench-").FullName;

    public BenchDatabase()
    {
        Path = System.IO.Path.Combine(_folder, "bench.db");
        SqliteJournal.Prepare(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        SqliteJournal.ReleaseConnections();
        Directory.Delete(_folder, recursive: true);
    }
}
