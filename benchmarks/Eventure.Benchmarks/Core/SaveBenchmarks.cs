using BenchmarkDotNet.Attributes;

namespace Eventure.Benchmarks.Core;

/// <summary>
/// BenchmarkDotNet view of saving, per event: formatting 20k seed events into JSON lines (written to
/// <see cref="Stream.Null"/>, so only the formatting and the block pipeline count), and whole saves to a file
/// with and without the flush to disk.
/// </summary>
[MemoryDiagnoser]
public class SaveBenchmarks
{
    private const int Events = 20_000;
    private EventLog _log = new();
    private string _file = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _log = CoreData.FlatLog(200, 100);
        _file = Path.Combine(Path.GetTempPath(), $"eventure-save-bench-{Guid.NewGuid():N}.jsonl");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public void FormatToNullStream() => _log.WriteTo(Stream.Null);

    [Benchmark(OperationsPerInvoke = Events)]
    public void SaveToFileNoFlush() => _log.SaveToFile(_file, flushToDisk: false);

    [Benchmark(OperationsPerInvoke = Events)]
    public void SaveToFileDurable() => _log.SaveToFile(_file);
}
