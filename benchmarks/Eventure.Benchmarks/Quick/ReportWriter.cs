using System.Globalization;
using System.Text.Json;

namespace Eventure.Benchmarks.Quick;

/// <summary>Turns quick-mode output into the markdown table of docs/benchmarks.md (figure, baseline, ratio).</summary>
public static class ReportWriter
{
    // The Python seed's medians (seed spec 11.1, CPython 3.11.2, 2 vCPU): the baseline of the core workloads.
    private static readonly Dictionary<string, double> Seed = new(StringComparer.Ordinal)
    {
        ["add_event_time"] = 1.069,
        ["add_event_throughput"] = 187004,
        ["publish_time"] = 0.8217,
        ["publish_throughput"] = 121706,
        ["publish_handler_calls"] = 3772875,
        ["cascade_build_time"] = 0.5377,
        ["cascade_query_100_roots"] = 2.37,
        ["cascade_log_100_roots"] = 2.902,
        ["get_event_by_id_throughput"] = 1112,
        ["save_200k_time"] = 0.7439,
        ["save_200k_size"] = 30776555,
        ["load_200k_time"] = 0.9165,
        ["get_root_events_100k_time"] = 88.37,
        ["get_root_events_100k_noparent_time"] = 0.01533,
        ["replay_200k_time"] = 0.01367,
        ["replay_200k_throughput"] = 14629591,
    };

    // Runtime workloads are compared with a baseline measured in the same run.
    private static readonly Dictionary<string, string> SameRun = new(StringComparer.Ordinal)
    {
        ["tick_barrier_entity_ticks_per_s"] = "tick_barrier_raw_akka_entity_ticks_per_s",
        ["bus_actor_events_per_s"] = "bus_core_events_per_s",
        ["persist_events_per_s"] = "persist_raw_persistall_events_per_s",
        ["replay_200k_throughput"] = "replay_200k_plain_loop_throughput",
    };

    public static int Run(string[] args)
    {
        if (args.Length != 1 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("Usage: report QUICK_OUTPUT.jsonl (the standard output of a quick run).");
            return 2;
        }

        var metrics = new List<(string Name, double Value, string Unit)>();
        foreach (var line in File.ReadLines(args[0]).Where(l => l.TrimStart().StartsWith('{')))
        {
            using var doc = JsonDocument.Parse(line);
            metrics.Add((doc.RootElement.GetProperty("name").GetString()!, doc.RootElement.GetProperty("value").GetDouble(), doc.RootElement.GetProperty("unit").GetString()!));
        }

        var values = metrics.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
        Console.WriteLine("| metric | value | unit | baseline | baseline value | ratio |");
        Console.WriteLine("|---|---:|---|---|---:|---:|");
        foreach (var (name, value, unit) in metrics)
        {
            var (baselineName, baseline) = SameRun.TryGetValue(name, out var same) && values.TryGetValue(same, out var v) ? (same + " (same run)", v)
                : Seed.TryGetValue(name, out var s) ? ("Python seed (spec 11.1)", s) : (string.Empty, double.NaN);
            var ratio = double.IsNaN(baseline) ? string.Empty : Ratio(unit, value, baseline);
            Console.WriteLine($"| `{name}` | {Format(value)} | {unit} | {baselineName} | {(double.IsNaN(baseline) ? string.Empty : Format(baseline))} | {ratio} |");
        }

        return 0;
    }

    /// <summary>Speed-up: for times, baseline ÷ value; for rates, value ÷ baseline; sizes are plain ratios.</summary>
    private static string Ratio(string unit, double value, double baseline)
    {
        var ratio = unit is "s" or "ms" ? baseline / value : value / baseline;
        return ratio.ToString(ratio >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture) + "×";
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.####", CultureInfo.InvariantCulture);
}
