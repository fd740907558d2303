using System.Runtime.InteropServices;
using Eventure.Benchmarks.Quick;
using static Eventure.Benchmarks.Quick.WorkloadCheckException;

namespace Eventure.Benchmarks.Core;

/// <summary>The core workloads of seed spec 11.3, with the seed driver's metric names and units.</summary>
public static class CoreWorkloads
{
    public static IEnumerable<Metric> AddEvent()
    {
        var (seconds, last) = Measure.Median(
            () => CoreData.FlatPayloads(200_000),
            payloads => CoreData.FlatLog(2_000, 100, payloads).Events[^1]);
        Check(last.Id == "1999-EBEB-13", $"last id is {last.Id}, expected 1999-EBEB-13");
        yield return new Metric("add_event_time", seconds, "s");
        yield return new Metric("add_event_throughput", 200_000 / seconds, "events/s");
    }

    public static IEnumerable<Metric> Publish()
    {
        var (seconds, calls) = Measure.Median(
            () =>
            {
                var payloads = new Dictionary<string, object?>[100_000];
                for (var k = 0; k < payloads.Length; k++)
                {
                    payloads[k] = new Dictionary<string, object?> { ["value"] = (long)(k % 100) };
                }

                return payloads;
            },
            payloads =>
            {
                var log = new EventLog();
                var bus = new EventBus(log);
                var counter = new long[1];
                foreach (var pattern in new[] { "x.y", "x.*", "*.y" })
                {
                    for (var i = 0; i < 10; i++)
                    {
                        bus.Subscribe(pattern, _ => counter[0]++);
                    }
                }

                bus.Subscribe("*", _ => counter[0]++);
                for (var k = 0; k < payloads.Length; k++)
                {
                    if (k > 0 && k % 100 == 0)
                    {
                        log.AdvanceTick();
                    }

                    bus.Publish("x.y", payloads[k]);
                }

                return counter[0];
            });
        Check(calls == 3_100_000, $"{calls} handler calls, expected 3,100,000");
        yield return new Metric("publish_time", seconds, "s");
        yield return new Metric("publish_throughput", 100_000 / seconds, "events/s");
        yield return new Metric("publish_handler_calls", calls / seconds, "calls/s");
    }

    public static IEnumerable<Metric> Cascade()
    {
        var (build, built) = Measure.Median(() => 0, _ => CoreData.CascadeLog(), runs: 1);
        var (log, roots) = built;
        var sample = Enumerable.Range(0, 100).Select(i => roots[i * 100]).ToArray();
        var query = log.CreateQuery();
        var (queryTime, sizes) = Measure.Median(() => 0, _ => sample.Select(r => query.GetCascadeEvents(r).Count).ToArray());
        Check(sizes.All(s => s == 11), "every query-side cascade has 11 events");
        var (logTime, logSizes) = Measure.Median(() => 0, _ => sample.Select(r => log.GetEventCascade(r.Id).Count).ToArray());
        Check(logSizes.All(s => s == 11), "every log-side cascade has 11 events");
        yield return new Metric("cascade_build_time", build, "s");
        yield return new Metric("cascade_query_100_roots", queryTime, "s");
        yield return new Metric("cascade_log_100_roots", logTime, "s");
    }

    public static IEnumerable<Metric> GetEventById()
    {
        var log = CoreData.FlatLog(1_000, 100);
        var ids = Enumerable.Range(0, 1_000).Select(i => log.Events[(int)(i * 7919L % 100_000)].Id).ToArray();
        log.GetEventById(ids[0]);
        var (seconds, hits) = Measure.Median(() => 0, _ => ids.Count(id => log.GetEventById(id) is not null), runs: 5);
        Check(hits == 1_000, $"{hits} hits, expected 1,000");
        yield return new Metric("get_event_by_id_throughput", 1_000 / seconds, "lookups/s");
    }

    public static IEnumerable<Metric> SaveLoad()
    {
        var log = CoreData.FlatLog(2_000, 100);
        var path = Path.Combine(Path.GetTempPath(), $"eventure-bench-{Guid.NewGuid():N}.jsonl");
        try
        {
            // The durable save (flushed to disk before the rename) is the figure; the same save without the flush
            // is what the original does (it writes through Python's file cache and never flushes).
            var (save, _) = Measure.Median(() => 0, _ => { log.SaveToFile(path); return 0; });
            var (saveNoFlush, _) = Measure.Median(() => 0, _ => { log.SaveToFile(path, flushToDisk: false); return 0; });
            var size = new FileInfo(path).Length;
            var (load, loaded) = Measure.Median(() => 0, _ => EventLog.LoadFromFile(path));
            Check(loaded.CurrentTick == 1999, $"loaded current tick {loaded.CurrentTick}, expected 1999");
            Check(loaded.Events.Count == 200_000, "200,000 events loaded");
            yield return new Metric("save_200k_time", save, "s");
            yield return new Metric("save_200k_noflush_time", saveNoFlush, "s");
            yield return new Metric("save_200k_size", size, "bytes");
            yield return new Metric("load_200k_time", load, "s");
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static IEnumerable<Metric> RootEvents()
    {
        var withParents = CoreData.RootsLog();
        var (seconds, roots) = Measure.Median(() => withParents.CreateQuery(), q => q.GetRootEvents().Count);
        Check(roots == 10_000, $"{roots} roots, expected 10,000");
        Check(withParents.Events.Count(e => e.ParentId is not null) == 90_999, "90,999 events with a parent");
        var flat = CoreData.FlatLog(1_000, 100);
        var (flatSeconds, flatRoots) = Measure.Median(() => flat.CreateQuery(), q => q.GetRootEvents().Count);
        Check(flatRoots == 100_000, "every flat event is a root");
        yield return new Metric("get_root_events_100k_time", seconds, "s");
        yield return new Metric("get_root_events_100k_noparent_time", flatSeconds, "s");
    }

    public static IEnumerable<Metric> Replay()
    {
        var log = CoreData.FlatLog(2_000, 100);
        var events = log.Events;

        // Three folds over the same log, alternating, so each figure has its baselines from the same moments:
        // the typed accessor (the replay figure), the boxed dictionary view, and plain (type, value) tuples.
        var plain = events.Select(e => (e.Type, Value: e.Data.GetInt64("value"))).ToArray();
        var typed = new List<double>();
        var boxed = new List<double>();
        var tuples = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            typed.Add(Measure.Median(() => 0, _ => CheckTotals(Fold(events)), runs: 3).Seconds);
            boxed.Add(Measure.Median(() => 0, _ => CheckTotals(FoldBoxed(events)), runs: 3).Seconds);
            tuples.Add(Measure.Median(() => 0, _ => CheckTotals(FoldPlain(plain)), runs: 3).Seconds);
        }

        var seconds = Measure.MedianOf(typed);
        yield return new Metric("replay_200k_time", seconds, "s");
        yield return new Metric("replay_200k_throughput", 200_000 / seconds, "events/s");
        yield return new Metric("replay_200k_boxed_view_throughput", 200_000 / Measure.MedianOf(boxed), "events/s");
        yield return new Metric("replay_200k_plain_loop_throughput", 200_000 / Measure.MedianOf(tuples), "events/s");
    }

    public static IEnumerable<Metric> MemoryPerEvent()
    {
        var payloads = CoreData.FlatPayloads(200_000);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var log = CoreData.FlatLog(2_000, 100, payloads);
        log.GetEventById(log.Events[0].Id);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(log);
        GC.KeepAlive(payloads);
        yield return new Metric("memory_bytes_per_event", (after - before) / 200_000.0, "bytes");
    }

    private static Dictionary<string, long> CheckTotals(Dictionary<string, long> totals)
    {
        Check(totals.Values.Sum() == 9_900_000, $"total {totals.Values.Sum()}, expected 9,900,000");
        Check(totals["combat.damage"] == 1_275_000 && totals["player.move"] == 1_200_000 && totals["world.tick"] == 1_250_000, "per-type totals");
        return totals;
    }

    /// <summary>The replay fold: one typed read per event (<see cref="EventData.GetInt64"/>), no allocation.</summary>
    internal static Dictionary<string, long> Fold(IReadOnlyList<Event> events)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            // One hash lookup per event (the idiomatic C# accumulate); the baseline loops do the same.
            CollectionsMarshal.GetValueRefOrAddDefault(totals, e.Type, out _) += e.Data.GetInt64("value");
        }

        return totals;
    }

    /// <summary>The same fold through the boxed dictionary view (<c>(long)e.Data["value"]</c>).</summary>
    internal static Dictionary<string, long> FoldBoxed(IReadOnlyList<Event> events)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(totals, e.Type, out _) += (long)e.Data["value"]!;
        }

        return totals;
    }

    /// <summary>The same fold over plain (type, value) tuples: no library types involved.</summary>
    internal static Dictionary<string, long> FoldPlain((string Type, long Value)[] events)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (type, value) in events)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(totals, type, out _) += value;
        }

        return totals;
    }
}
