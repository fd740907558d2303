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
        ["persist_raw_single_events_per_s"] = "persist_raw_persistall_events_per_s",
        ["replay_200k_throughput"] = "replay_200k_plain_loop_throughput",
        ["recovery_journal_only_events_per_s"] = "recovery_events_per_s",
    };

    // The goals of the issues, checked against the figure (absolute) or its ratio (× seed or × same-run baseline).
    private static readonly Dictionary<string, (string Text, Func<double, double, double, bool> Met)> Goals = new(StringComparer.Ordinal)
    {
        ["add_event_throughput"] = ("≥ 30× seed", (_, seed, _) => seed >= 30),
        ["publish_throughput"] = ("≥ 25× seed", (_, seed, _) => seed >= 25),
        ["cascade_query_100_roots"] = ("≥ 1000× seed", (_, seed, _) => seed >= 1000),
        ["cascade_log_100_roots"] = ("≥ 1000× seed", (_, seed, _) => seed >= 1000),
        ["get_event_by_id_throughput"] = ("≥ 1000× seed", (_, seed, _) => seed >= 1000),
        ["get_root_events_100k_time"] = ("≥ 10,000× seed", (_, seed, _) => seed >= 10_000),
        ["save_200k_time"] = ("≥ 5× seed", (_, seed, _) => seed >= 5),
        ["load_200k_time"] = ("≥ 5× seed", (_, seed, _) => seed >= 5),
        ["replay_200k_throughput"] = ("≥ 3× seed", (_, seed, _) => seed >= 3),
        ["tick_barrier_entity_ticks_per_s"] = ("≥ 1 M and ≥ 0.70 of raw", (v, _, same) => v >= 1_000_000 && same >= 0.70),
        ["persist_events_per_s"] = ("≥ 25,000 and ≥ 0.70 of raw PersistAll", (v, _, same) => v >= 25_000 && same >= 0.70),
        ["recovery_events_per_s"] = ("≥ 150,000", (v, _, _) => v >= 150_000),
        ["projection_latency_p99_ms"] = ("≤ 150 ms", (v, _, _) => v <= 150),
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
        Console.WriteLine("| metric | value | unit | same-run baseline | ratio | Python seed (11.1) | × seed | goal | met |");
        Console.WriteLine("|---|---:|---|---|---:|---:|---:|---|:---:|");
        foreach (var (name, value, unit) in metrics)
        {
            var sameRatio = double.NaN;
            var sameText = string.Empty;
            if (SameRun.TryGetValue(name, out var same) && values.TryGetValue(same, out var baseline))
            {
                sameRatio = unit is "s" or "ms" ? baseline / value : value / baseline;
                sameText = $"`{same}` {Format(baseline)}";
            }

            var seedRatio = Seed.TryGetValue(name, out var seed) ? Speedup(unit, value, seed) : double.NaN;
            var goal = Goals.TryGetValue(name, out var g) ? g.Text : string.Empty;
            var met = g.Met is null ? string.Empty : g.Met(value, seedRatio, sameRatio) ? "yes" : "**no**";
            Console.WriteLine(
                $"| `{name}` | {Format(value)} | {unit} | {sameText} | {Times(sameRatio)} | {(double.IsNaN(seedRatio) ? string.Empty : Format(seed))} | {Times(seedRatio)} | {goal} | {met} |");
        }

        return 0;
    }

    /// <summary>Speed-up over the seed: for times, seed ÷ value; for rates, value ÷ seed; sizes are plain ratios.</summary>
    private static double Speedup(string unit, double value, double seed) => unit is "s" or "ms" ? seed / value : value / seed;

    private static string Times(double ratio) =>
        double.IsNaN(ratio) ? string.Empty : ratio.ToString(ratio >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture) + "×";

    private static string Format(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.####", CultureInfo.InvariantCulture);
}
