using System.Diagnostics;
using Akka.Actor;
using Eventure.Actors;
using Eventure.Actors.Persistence;
using Eventure.Benchmarks.Quick;
using Eventure.Persistence.Sql;
using static Eventure.Benchmarks.Quick.WorkloadCheckException;

namespace Eventure.Benchmarks.Log;

/// <summary>
/// Flat memory on a durable journal: one entity publishes 1,000 small events per tick for 500 ticks on SQLite (500k
/// stored events). The managed heap retained after a full GC, measured before and after the run while the simulation
/// is still live, divided by the stored events, is what the runtime keeps per event: history kept in memory would
/// show as hundreds of bytes per event.
/// </summary>
public static class RuntimeMemoryWorkload
{
    private const int EventsPerTick = 1_000;

    public static IEnumerable<Metric> HeapPerEvent()
    {
        var ticks = int.TryParse(Environment.GetEnvironmentVariable("EVENTURE_BENCH_MEMORY_TICKS"), out var t) && t > 10 ? t : 500;
        using var db = new BenchDatabase();
        using var system = ActorSystem.Create("memory", PersistWorkloads.Quiet.WithFallback(EventureConfig.Sqlite(db.Path)));
        var options = new SimulationOptions
        {
            Id = "memory",
            Seed = 1,
            LogProps = EventLogActor.Props("memory", EventLogSettings.Create(system.Settings.Config)),
            RunTimeout = TimeSpan.FromHours(1),
        };
        var sim = Simulation.StartAsync(system, options).Result;
        sim.SpawnAsync("chatty", Props.Create(() => new Chatty(EventsPerTick))).Wait();
        sim.RunTicksAsync(10).Wait();
        var before = RetainedHeap();
        var watch = Stopwatch.StartNew();
        sim.RunTicksAsync(ticks).Wait();
        var seconds = watch.Elapsed.TotalSeconds;
        var after = RetainedHeap();
        var status = sim.GetStatusAsync().Result;
        Check(status.NextTick == ticks + 10, $"ran to tick {status.NextTick}");
        GC.KeepAlive(sim);
        system.Terminate().Wait();

        var stored = (double)ticks * EventsPerTick;
        yield return new Metric("runtime_heap_bytes_per_event", Math.Max(0, after - before) / stored, "bytes");
        yield return new Metric("runtime_heap_growth_bytes", after - before, "bytes");
        yield return new Metric("runtime_sqlite_events_per_s", stored / seconds, "events/s");
    }

    private static long RetainedHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

}

/// <summary>Publishes <paramref name="perTick"/> small events every tick.</summary>
/// <param name="perTick">Events per tick.</param>
internal sealed class Chatty(int perTick) : SimulationEntity
{
    protected override void OnTick(long tick)
    {
        for (var i = 0; i < perTick; i++)
        {
            Publish("chat.said", new Dictionary<string, object?> { ["n"] = (long)i });
        }
    }
}
