using System.Globalization;
using System.Text.Json;
using Eventure.Benchmarks.Bus;
using Eventure.Benchmarks.Clock;
using Eventure.Benchmarks.Core;
using Eventure.Benchmarks.Faults;
using Eventure.Benchmarks.Log;
using Eventure.Benchmarks.Query;

namespace Eventure.Benchmarks.Quick;

/// <summary>
/// Quick mode: every workload once (short ones as the median of three runs after a warm-up), one JSON object
/// per metric on standard output and nothing else; progress goes to standard error.
/// </summary>
public static class QuickRunner
{
    /// <summary>The workloads by name, in run order.</summary>
    public static readonly IReadOnlyList<(string Name, Func<IEnumerable<Metric>> Run)> Workloads =
    [
        ("add_event", CoreWorkloads.AddEvent),
        ("publish", CoreWorkloads.Publish),
        ("cascade", CoreWorkloads.Cascade),
        ("get_event_by_id", CoreWorkloads.GetEventById),
        ("save_load", CoreWorkloads.SaveLoad),
        ("get_root_events", CoreWorkloads.RootEvents),
        ("replay", CoreWorkloads.Replay),
        ("memory", CoreWorkloads.MemoryPerEvent),
        ("tick_barrier", BarrierWorkloads.Barrier),
        ("bus_actor", BusWorkloads.Cascade),
        ("fault_storm", FaultStormWorkload.Storm),
        ("persist", PersistWorkloads.Persist),
        ("recovery", PersistWorkloads.Recovery),
        ("runtime_memory", RuntimeMemoryWorkload.HeapPerEvent),
        ("projection_latency", ProjectionLatencyWorkload.Latency),
        ("cluster", Cluster.ClusterWorkloads.Scale),
    ];

    public static int Run(string[] args)
    {
        var only = OnlyFilter(args);
        var unknown = only?.Where(name => Workloads.All(w => w.Name != name)).ToArray() ?? [];
        if (unknown.Length > 0)
        {
            Console.Error.WriteLine($"Unknown workload(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", Workloads.Select(w => w.Name))}.");
            return 2;
        }

        foreach (var (name, run) in Workloads)
        {
            if (only is not null && !only.Contains(name))
            {
                continue;
            }

            Measure.Progress($"{name}...");
            var started = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                foreach (var metric in run())
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = metric.Name, ["value"] = Math.Round(metric.Value, 6), ["unit"] = metric.Unit }));
                    Console.Out.Flush();
                }
            }
            catch (Exception ex) when (ex is WorkloadCheckException || ex.InnerException is WorkloadCheckException)
            {
                Console.Error.WriteLine($"[quick] {name} FAILED: {(ex as WorkloadCheckException ?? ex.InnerException)!.Message}");
                return 1;
            }

            Measure.Progress($"{name} took {started.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
        }

        return 0;
    }

    private static HashSet<string>? OnlyFilter(string[] args)
    {
        var at = Array.IndexOf(args, "--only");
        return at >= 0 && at + 1 < args.Length ? [.. args[at + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null;
    }
}
