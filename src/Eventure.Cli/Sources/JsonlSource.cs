namespace Eventure.Cli.Sources;

/// <summary>A log saved as JSON lines, by this library or by the original Python one.</summary>
internal sealed class JsonlSource(string path) : JournalSource
{
    public override string Display => $"{path} (JSON lines)";

    public override long? SizeBytes => new FileInfo(path).Length;

    public override Task<EventLog> LoadAsync(long? untilTick, IProgress<double> progress)
    {
        progress.Report(0);
        var log = Truncate(EventLog.LoadFromFile(path), untilTick);
        progress.Report(1);
        return Task.FromResult(log);
    }
}
