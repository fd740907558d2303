using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace Eventure.Benchmarks.Core;

/// <summary>
/// BenchmarkDotNet view of loading, per event line: parsing one seed line from UTF-8 (the fast path, and a line
/// with an escape that takes the general reader) beside only tokenizing the same line with
/// <see cref="Utf8JsonReader"/> (the baseline: the least any JSON reader does), and a whole 20k-line load.
/// </summary>
[MemoryDiagnoser]
public class LoadLineBenchmarks
{
    private const int Lines = 20_000;
    private byte[] _line = [];
    private byte[] _escapedLine = [];
    private string _file = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var log = CoreData.FlatLog(200, 100);
        _line = Encoding.UTF8.GetBytes(log.Events[12_345].ToJson());
        _escapedLine = Encoding.UTF8.GetBytes(log.Events[12_345].ToJson().Replace("\"a", "\"\\u00e9", StringComparison.Ordinal));
        _file = Path.Combine(Path.GetTempPath(), $"eventure-load-bench-{Guid.NewGuid():N}.jsonl");
        log.SaveToFile(_file);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    [Benchmark(Baseline = true)]
    public int TokenizeOnly()
    {
        var reader = new Utf8JsonReader(_line);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark]
    public Event ParseLine() => Event.FromJson(_line);

    [Benchmark]
    public Event ParseLineWithEscape() => Event.FromJson(_escapedLine);

    [Benchmark(OperationsPerInvoke = Lines)]
    public EventLog LoadFilePerLine() => EventLog.LoadFromFile(_file);
}
