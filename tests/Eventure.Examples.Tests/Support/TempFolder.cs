using Eventure.Actors.Persistence;

namespace Eventure.Examples.Tests.Support;

/// <summary>A temporary folder for journals and exports, deleted (after releasing SQLite pools) on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eventure-examples-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        SqliteJournal.ReleaseConnections();
        Directory.Delete(Path, recursive: true);
    }
}
