using BenchmarkDotNet.Attributes;

namespace Eventure.Benchmarks.Core;

/// <summary>BenchmarkDotNet view of the core hot paths, per event.</summary>
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private const int Events = 20_000;
    private Dictionary<string, object?>[] _payloads = [];
    private EventLog _log = new();
    private string[] _ids = [];

    [GlobalSetup]
    public void Setup()
    {
        _payloads = CoreData.FlatPayloads(Events);
        _log = CoreData.FlatLog(200, 100);
        _ids = [.. Enumerable.Range(0, 1_000).Select(i => _log.Events[(int)(i * 7919L % Events)].Id)];
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public EventLog AddEvent() => CoreData.FlatLog(200, 100, _payloads);

    [Benchmark(OperationsPerInvoke = Events)]
    public long PublishTo31Handlers()
    {
        var log = new EventLog();
        var bus = new EventBus(log);
        long calls = 0;
        foreach (var pattern in new[] { "x.y", "x.*", "*.y" })
        {
            for (var i = 0; i < 10; i++)
            {
                bus.Subscribe(pattern, _ => calls++);
            }
        }

        bus.Subscribe("*", _ => calls++);
        for (var k = 0; k < Events; k++)
        {
            bus.Publish("x.y", _payloads[k]);
        }

        return calls;
    }

    [Benchmark(OperationsPerInvoke = 1_000)]
    public int GetEventById()
    {
        var hits = 0;
        foreach (var id in _ids)
        {
            hits += _log.GetEventById(id) is null ? 0 : 1;
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public string ToJson()
    {
        var last = string.Empty;
        foreach (var e in _log.Events)
        {
            last = e.ToJson();
        }

        return last;
    }
}
