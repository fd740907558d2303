using System.Security.Cryptography;
using Eventure.Actors.Persistence;
using Eventure.Persistence.Sql;

namespace Eventure.TestSupport;

/// <summary>
/// A temporary folder for journals and exports, deleted on dispose after releasing SQLite's pooled connections.
/// Linked into the test projects that need it.
/// </summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eventure-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A hash of every file in the folder (names and contents), to prove nothing was written.</summary>
    public string Fingerprint() => string.Join(
        "\n",
        Directory.GetFiles(Path).Order(StringComparer.Ordinal).Select(f => System.IO.Path.GetFileName(f) + ":" + Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(f)))));

    public void Dispose()
    {
        SqliteJournal.ReleaseConnections();
        Directory.Delete(Path, recursive: true);
    }
}
