namespace Eventure.Tests.TestSupport;

/// <summary>A unique path in a private temp folder, deleted with the folder on dispose.</summary>
public sealed class TempFile : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("eventure-tests-").FullName;

    public TempFile(string name = "log.jsonl")
    {
        Path = System.IO.Path.Combine(_folder, name);
    }

    public string Path { get; }

    public string Folder => _folder;

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
