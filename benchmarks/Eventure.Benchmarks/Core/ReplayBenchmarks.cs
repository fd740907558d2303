using BenchmarkDotNet.Attributes;

namespace Eventure.Benchmarks.Core;

/// <summary>
/// BenchmarkDotNet view of the replay fold, per event, over the flat 200k log of the quick workload: the typed
/// accessor and the boxed dictionary view beside the same fold over plain (type, value) tuples (the baseline).
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private const int Events = 200_000;
    private IReadOnlyList<Event> _events = [];
    private (string Type, long Value)[] _plain = [];

    [GlobalSetup]
    public void Setup()
    {
        _events = CoreData.FlatLog(2_000, 100).Events;
        _plain = [.. _events.Select(e => (e.Type, e.Data.GetInt64("value")))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public Dictionary<string, long> FoldPlainTuples() => CoreWorkloads.FoldPlain(_plain);

    [Benchmark(OperationsPerInvoke = Events)]
    public Dictionary<string, long> FoldTypedAccessor() => CoreWorkloads.Fold(_events);

    [Benchmark(OperationsPerInvoke = Events)]
    public Dictionary<string, long> FoldBoxedView() => CoreWorkloads.FoldBoxed(_events);
}
