using System.Security.Cryptography;
using Eventure.Actors.Persistence;

namespace Eventure.Cli.Tests;

/// <summary>One in-process run of the CLI with captured output.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}

/// <summary>A temporary folder, deleted after releasing SQLite pools.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eventure-cli-" + Guid.NewGuid().ToString("N"));
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
