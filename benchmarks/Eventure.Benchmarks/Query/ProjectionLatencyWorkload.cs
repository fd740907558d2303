using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Eventure.Actors.Persistence;
using Eventure.Actors;
using Eventure.Benchmarks.Log;
using Eventure.Benchmarks.Quick;
using Eventure.Persistence.Sql;
using static Eventure.Benchmarks.Quick.WorkloadCheckException;

namespace Eventure.Benchmarks.Query;

/// <summary>
/// Live projection latency: a simulation ticks every 25 ms on a SQLite journal; for each tick, the time from
/// the tick being stored (TickCompleted) to the projection having applied it (ProjectionAdvanced).
/// </summary>
public static class ProjectionLatencyWorkload
{
    private const int Ticks = 200;

    public static IEnumerable<Metric> Latency()
    {
        using var db = new BenchDatabase();
        using var system = ActorSystem.Create("projection", PersistWorkloads.Quiet.WithFallback(EventureConfig.Sqlite(db.Path)));
        var stored = new ConcurrentDictionary<long, long>();
        var applied = new ConcurrentDictionary<long, long>();
        var options = new SimulationOptions { Id = "live", LogProps = EventLogActor.Props("live", new EventLogSettings(0, 1)), RunTimeout = TimeSpan.FromMinutes(5) };
        var sim = Simulation.StartAsync(system, options).Result;
        for (var i = 0; i < 10; i++)
        {
            sim.SpawnAsync($"chatty-{i}", Props.Create(() => new Chatty())).Wait();
        }

        sim.WatchTicks(system.ActorOf(Props.Create(() => new Stamp(stored))));
        var projection = system.ActorOf(ProjectionActor.Props(new Count(), "live"));
        projection.Tell(system.ActorOf(Props.Create(() => new Stamp(applied))));
        sim.StartRealtime(TimeSpan.FromMilliseconds(25));
        var watch = Stopwatch.StartNew();
        while (applied.Count < Ticks && watch.Elapsed < TimeSpan.FromSeconds(25))
        {
            Thread.Sleep(50);
        }

        sim.StopRealtime();
        var latencies = stored.Where(s => applied.ContainsKey(s.Key) && s.Key >= 5)
            .Select(s => (applied[s.Key] - s.Value) * 1000.0 / Stopwatch.Frequency)
            .Order()
            .ToArray();
        foreach (var (tick, ms) in stored.Where(s => applied.ContainsKey(s.Key) && s.Key >= 5).Select(s => (s.Key, (applied[s.Key] - s.Value) * 1000.0 / Stopwatch.Frequency)).OrderByDescending(x => x.Item2).Take(6))
        {
            Measure.Progress($"slowest: tick {tick} {ms:F0} ms");
        }

        system.Terminate().Wait();
        Check(latencies.Length >= 100, $"{latencies.Length} ticks observed by the projection");
        yield return new Metric("projection_latency_p50_ms", latencies[latencies.Length / 2], "ms");
        yield return new Metric("projection_latency_p99_ms", latencies[(int)Math.Ceiling(latencies.Length * 0.99) - 1], "ms");
    }

    private sealed class Chatty : SimulationEntity
    {
        protected override void OnTick(long tick) => Publish("chatty.said", new Dictionary<string, object?> { ["tick"] = tick });
    }

    private sealed class Count : Projection<long>
    {
        public override string Name => "count";

        public override long Initial => 0;

        public override long Apply(long state, Event e) => state + 1;
    }

    private sealed class Stamp : ReceiveActor
    {
        public Stamp(ConcurrentDictionary<long, long> into)
        {
            Receive<TickCompleted>(t => into.TryAdd(t.Tick, Stopwatch.GetTimestamp()));
            Receive<ProjectionAdvanced>(p => into.TryAdd(p.Tick, Stopwatch.GetTimestamp()));
        }
    }
}
