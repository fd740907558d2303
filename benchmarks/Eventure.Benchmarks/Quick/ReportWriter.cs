using System.Globalization;
using System.Text.Json;

namespace Eventure.Benchmarks.Quick;

/// <summary>
/// Turns quick-mode output into the tables of docs/benchmarks.md. Given the original's own output from the
/// same machine (runs alternating with quick mode), the core figures are compared run by run with it and the
/// median of the per-run ratios is checked against the goals; without it, against the seed's fixed medians.
/// </summary>
public static class ReportWriter
{
    // The Python seed's medians (seed spec 11.1, CPython 3.11.2, 2 vCPU): the baseline when the original was not run.
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
        ["save_200k_noflush_time"] = 0.7439,
        ["save_200k_size"] = 30776555,
        ["load_200k_time"] = 0.9165,
        ["get_root_events_100k_time"] = 88.37,
        ["get_root_events_100k_noparent_time"] = 0.01533,
        ["replay_200k_time"] = 0.01367,
        ["replay_200k_throughput"] = 14629591,
    };

    // Port figures compared with another figure of the original: the save without the flush to disk is compared
    // with the original's save (which never flushes).
    private static readonly Dictionary<string, string> OriginalAliases = new(StringComparer.Ordinal)
    {
        ["save_200k_noflush_time"] = "save_200k_time",
    };

    // Figures compared with a baseline measured in the same run.
    private static readonly Dictionary<string, string> SameRun = new(StringComparer.Ordinal)
    {
        ["tick_barrier_entity_ticks_per_s"] = "tick_barrier_raw_akka_entity_ticks_per_s",
        ["bus_actor_events_per_s"] = "bus_core_events_per_s",
        ["fault_storm_events_per_s"] = "fault_storm_baseline_events_per_s",
        ["persist_events_per_s"] = "persist_raw_persistall_events_per_s",
        ["persist_raw_single_events_per_s"] = "persist_raw_persistall_events_per_s",
        ["replay_200k_throughput"] = "replay_200k_plain_loop_throughput",
        ["replay_200k_boxed_view_throughput"] = "replay_200k_plain_loop_throughput",
        ["recovery_journal_only_events_per_s"] = "recovery_events_per_s",
    };

    // The goals of the issues, checked against the figure (absolute) or its ratio (× original or × same-run baseline).
    private static readonly Dictionary<string, (string Text, Func<double, double, double, bool> Met)> Goals = new(StringComparer.Ordinal)
    {
        ["add_event_throughput"] = ("≥ 30× original", (_, seed, _) => seed >= 30),
        ["publish_throughput"] = ("≥ 25× original", (_, seed, _) => seed >= 25),
        ["cascade_query_100_roots"] = ("≥ 1000× original", (_, seed, _) => seed >= 1000),
        ["cascade_log_100_roots"] = ("≥ 1000× original", (_, seed, _) => seed >= 1000),
        ["get_event_by_id_throughput"] = ("≥ 1000× original", (_, seed, _) => seed >= 1000),
        ["get_root_events_100k_time"] = ("≥ 10,000× original", (_, seed, _) => seed >= 10_000),
        ["save_200k_time"] = ("≥ 10× original", (_, seed, _) => seed >= 10),
        ["load_200k_time"] = ("≥ 6× original", (_, seed, _) => seed >= 6),
        ["replay_200k_throughput"] = ("≥ 5× original and ≥ 0.5 of the plain loop", (_, seed, same) => seed >= 5 && same >= 0.5),
        ["memory_bytes_per_event"] = ("≤ 150 B", (v, _, _) => v <= 150),
        ["tick_barrier_entity_ticks_per_s"] = ("≥ 1 M and ≥ 0.70 of raw", (v, _, same) => v >= 1_000_000 && same >= 0.70),
        ["fault_storm_events_per_s"] = ("≥ 0.5 of the same workload without faults", (_, _, same) => same >= 0.5),
        ["persist_events_per_s"] = ("≥ 25,000 and ≥ 0.70 of raw PersistAll", (v, _, same) => v >= 25_000 && same >= 0.70),
        ["recovery_events_per_s"] = ("≥ 150,000", (v, _, _) => v >= 150_000),
        ["projection_latency_p99_ms"] = ("≤ 150 ms", (v, _, _) => v <= 150),
    };

    /// <summary>
    /// <c>report QUICK...</c> [<c>--original ORIGINAL...</c>]: quick-mode outputs (one per run) and, optionally, the
    /// original driver's outputs of the same runs, in the same order.
    /// </summary>
    public static int Run(string[] args)
    {
        var split = Array.IndexOf(args, "--original");
        var quickFiles = split < 0 ? args : args[..split];
        var originalFiles = split < 0 ? [] : args[(split + 1)..];
        if (quickFiles.Length == 0 || quickFiles.Concat(originalFiles).Any(f => !File.Exists(f)) || (originalFiles.Length > 0 && originalFiles.Length != quickFiles.Length))
        {
            Console.Error.WriteLine("Usage: report QUICK_OUTPUT... [--original ORIGINAL_OUTPUT...] (one file per run; as many original outputs as quick ones).");
            return 2;
        }

        var quick = quickFiles.Select(ReadQuick).ToArray();
        var original = originalFiles.Select(ReadOriginal).ToArray();
        if (original.Length > 0)
        {
            WriteSideBySide(quick, original);
            Console.WriteLine();
        }

        WriteFigures(quick, original);
        return 0;
    }

    /// <summary>The core figures run by run beside the original's, and the median of the per-run ratios.</summary>
    private static void WriteSideBySide(RunFigures[] quick, RunFigures[] original)
    {
        Console.WriteLine($"| metric | unit | original ({Runs(quick.Length)}) | port ({Runs(quick.Length)}) | × original, per run | median | goal | met |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---|:---:|");
        foreach (var (name, unit) in quick[0].Units)
        {
            var hasOriginal = Seed.ContainsKey(name) && original.All(o => o.Values.ContainsKey(name));
            var hasGoal = Goals.TryGetValue(name, out var goal);
            if (!hasOriginal && !(hasGoal && name == "memory_bytes_per_event") && name != "replay_200k_plain_loop_throughput")
            {
                continue;
            }

            var port = quick.Select(q => q.Values.GetValueOrDefault(name, double.NaN)).ToArray();
            var theirs = hasOriginal ? original.Select(o => o.Values[name]).ToArray() : [];
            var ratios = hasOriginal ? port.Select((v, i) => Speedup(unit, v, theirs[i])).ToArray() : [];
            var median = hasOriginal ? Median(ratios) : double.NaN;
            var same = SameRun.TryGetValue(name, out var baseline)
                ? Median(quick.Select(q => Speedup(unit, q.Values[name], q.Values.GetValueOrDefault(baseline, double.NaN))).ToArray())
                : double.NaN;
            var met = hasGoal ? (goal.Met(Median(port), median, same) ? "yes" : "**no**") : string.Empty;
            var sameText = double.IsNaN(same) ? string.Empty : $" ({Times(same)} of `{baseline}`)";
            Console.WriteLine(
                $"| `{name}` | {unit} | {Join(theirs)} | {Join(port)} | {string.Join(" / ", ratios.Select(Times))} | {Times(median)}{sameText} | {(hasGoal ? goal.Text : string.Empty)} | {met} |");
        }
    }

    /// <summary>Every metric (the median over the runs), its same-run baseline and its ratio to the original.</summary>
    private static void WriteFigures(RunFigures[] quick, RunFigures[] original)
    {
        var values = quick[0].Units.Keys.ToDictionary(name => name, name => Median(quick.Select(q => q.Values.GetValueOrDefault(name, double.NaN)).ToArray()), StringComparer.Ordinal);
        var reference = original.Length > 0 ? "original, same machine" : "Python seed (11.1)";
        Console.WriteLine($"| metric | value | unit | same-run baseline | ratio | {reference} | × original | goal | met |");
        Console.WriteLine("|---|---:|---|---|---:|---:|---:|---|:---:|");
        foreach (var (name, unit) in quick[0].Units)
        {
            var value = values[name];
            var sameRatio = double.NaN;
            var sameText = string.Empty;
            if (SameRun.TryGetValue(name, out var same) && values.TryGetValue(same, out var baseline))
            {
                sameRatio = Speedup(unit, value, baseline);
                sameText = $"`{same}` {Format(baseline)}";
            }

            double theirs;
            if (original.Length > 0)
            {
                theirs = original.All(o => o.Values.ContainsKey(name)) ? Median(original.Select(o => o.Values[name]).ToArray()) : double.NaN;
            }
            else
            {
                theirs = Seed.GetValueOrDefault(name, double.NaN);
            }

            var seedRatio = double.IsNaN(theirs) || !Seed.ContainsKey(name) ? double.NaN : Speedup(unit, value, theirs);
            var goal = Goals.TryGetValue(name, out var g) ? g.Text : string.Empty;
            var met = g.Met is null ? string.Empty : g.Met(value, seedRatio, sameRatio) ? "yes" : "**no**";
            Console.WriteLine(
                $"| `{name}` | {Format(value)} | {unit} | {sameText} | {Times(sameRatio)} | {(double.IsNaN(seedRatio) ? string.Empty : Format(theirs))} | {Times(seedRatio)} | {goal} | {met} |");
        }
    }

    /// <summary>One quick-mode output: JSON lines <c>{"name", "value", "unit"}</c>.</summary>
    private static RunFigures ReadQuick(string path)
    {
        var run = new RunFigures();
        foreach (var line in File.ReadLines(path).Where(l => l.TrimStart().StartsWith('{')))
        {
            using var doc = JsonDocument.Parse(line);
            var name = doc.RootElement.GetProperty("name").GetString()!;
            run.Values[name] = doc.RootElement.GetProperty("value").GetDouble();
            run.Units[name] = doc.RootElement.GetProperty("unit").GetString()!;
        }

        return run;
    }

    /// <summary>One output of the original's driver: <c>name value unit</c> lines, <c>#</c> lines are notes.</summary>
    private static RunFigures ReadOriginal(string path)
    {
        var run = new RunFigures();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                run.Values[parts[0]] = value;
                run.Units[parts[0]] = parts[2];
            }
        }

        foreach (var (alias, name) in OriginalAliases)
        {
            if (run.Values.TryGetValue(name, out var value))
            {
                run.Values[alias] = value;
                run.Units[alias] = run.Units[name];
            }
        }

        return run;
    }

    /// <summary>Speed-up over a baseline: for times, baseline ÷ value; for rates, value ÷ baseline; sizes are plain ratios.</summary>
    private static double Speedup(string unit, double value, double baseline) => unit is "s" or "ms" ? baseline / value : value / baseline;

    private static double Median(double[] values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    private static string Runs(int count) => count == 1 ? "1 run" : $"{count} runs";

    private static string Join(double[] values) => string.Join(" / ", values.Select(Format));

    private static string Times(double ratio) =>
        double.IsNaN(ratio) ? string.Empty : ratio.ToString(ratio >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture) + "×";

    private static string Format(double value) =>
        double.IsNaN(value) ? "–" : Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.####", CultureInfo.InvariantCulture);

    private sealed class RunFigures
    {
        public Dictionary<string, double> Values { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Units { get; } = new(StringComparer.Ordinal);
    }
}
