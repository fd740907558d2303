using Akka.Actor;
using Akka.Serialization;
using BenchmarkDotNet.Attributes;
using Eventure.Actors;
using Eventure.Benchmarks.Core;

namespace Eventure.Benchmarks.Log;

/// <summary>
/// BenchmarkDotNet view of the journal payloads, per event: writing and reading <c>ev2</c> (the current format)
/// beside reading <c>ev1</c> (the first format, an event line inside a JSON string) as the baseline.
/// </summary>
[MemoryDiagnoser]
public class JournalSerializerBenchmarks
{
    private const int Events = 10_000;
    private ActorSystem _system = null!;
    private SerializerWithStringManifest _serializer = null!;
    private object[] _events = [];
    private byte[][] _v2 = [];
    private byte[][] _v1 = [];

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("serializer-bench", EventureConfig.Default);
        _serializer = JournalPayloads.Serializer(_system);
        var events = CoreData.FlatLog(100, 100).Events;
        _v1 = [.. events.Select(e => JournalPayloads.V1(e, "entity-7"))];
        _events = JournalPayloads.Entries(_system, events, "entity-7");
        _v2 = [.. _events.Select(_serializer.ToBinary)];
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(OperationsPerInvoke = Events)]
    public int WriteV2()
    {
        var bytes = 0;
        foreach (var e in _events)
        {
            bytes += _serializer.ToBinary(e).Length;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public object ReadV2()
    {
        object last = null!;
        foreach (var payload in _v2)
        {
            last = _serializer.FromBinary(payload, "ev2");
        }

        return last;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public object ReadV1()
    {
        object last = null!;
        foreach (var payload in _v1)
        {
            last = _serializer.FromBinary(payload, "ev1");
        }

        return last;
    }
}
