using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Eventure.Actors;
using Eventure.Actors.Persistence;
using Eventure.Benchmarks.Quick;
using Eventure.Persistence.Sql;

namespace Eventure.Benchmarks.Log;

/// <summary>
/// The soak: a durable simulation ticking on SQLite for a while (10 minutes by default), with resident memory and
/// the managed heap sampled every 30 s. Flat memory means the samples do not grow with the journal: the run prints
/// one JSON line per sample, then the growth between the first and the second half of the run.
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/Eventure.Benchmarks -- soak [--minutes N]</c></remarks>
public static class SoakRun
{
    private const int Entities = 200;

    public static int Run(string[] args)
    {
        var minutes = args.Length >= 2 && args[0] == "--minutes" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        using var db = new BenchDatabase();
        using var system = ActorSystem.Create("soak", PersistWorkloads.Quiet.WithFallback(EventureConfig.Sqlite(db.Path)));
        var options = new SimulationOptions
        {
            Id = "soak",
            Seed = 5,
            LogProps = EventLogActor.Props("soak", EventLogSettings.Create(system.Settings.Config)),
            RunTimeout = TimeSpan.FromHours(2),
        };
        options.Entities.Register<Walker>("walker");
        var sim = Simulation.StartAsync(system, options).Result;
        sim.SpawnManyAsync(Enumerable.Range(0, Entities).Select(i => $"walker-{i:D3}"), _ => Props.Create<Walker>(), "walker").Wait();

        var samples = new List<(double Seconds, long Ticks, long Rss, long Heap)>();
        var watch = Stopwatch.StartNew();
        var next = TimeSpan.Zero;
        while (watch.Elapsed < TimeSpan.FromMinutes(minutes))
        {
            sim.RunTicksAsync(50).Wait();
            if (watch.Elapsed >= next)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var status = sim.GetStatusAsync().Result;
                using var self = Process.GetCurrentProcess();
                var sample = (watch.Elapsed.TotalSeconds, status.NextTick, self.WorkingSet64, GC.GetTotalMemory(true));
                samples.Add(sample);
                Console.Out.WriteLine(FormattableString.Invariant($"{{\"seconds\": {sample.Item1:F0}, \"ticks\": {sample.Item2}, \"rss_bytes\": {sample.Item3}, \"heap_bytes\": {sample.Item4}}}"));
                Measure.Progress(FormattableString.Invariant($"{sample.Item1:F0} s: tick {sample.Item2}, RSS {sample.Item3 / 1_048_576.0:F1} MiB, heap {sample.Item4 / 1_048_576.0:F1} MiB"));
                next += TimeSpan.FromSeconds(30);
            }
        }

        system.Terminate().Wait();
        if (samples.Count < 4)
        {
            return 0;
        }

        // The first sample includes warm-up: compare the second half of the run with the first (median of each half).
        var half = samples.Count / 2;
        double Median(IEnumerable<long> values) => values.Order().ElementAt(values.Count() / 2);
        var early = samples.Skip(1).Take(half - 1).ToList();
        var late = samples.Skip(half).ToList();
        Console.Out.WriteLine(FormattableString.Invariant(
            $"{{\"rss_growth_bytes\": {Median(late.Select(s => s.Rss)) - Median(early.Select(s => s.Rss)):F0}, \"heap_growth_bytes\": {Median(late.Select(s => s.Heap)) - Median(early.Select(s => s.Heap)):F0}, \"ticks\": {samples[^1].Ticks}, \"events_per_tick\": {Entities}}}"));
        return 0;
    }

    /// <summary>Publishes one small event every tick and answers nothing: a steady journal growth.</summary>
    private sealed class Walker : SimulationEntity
    {
        protected override void OnTick(long tick) => Publish("walker.step", new Dictionary<string, object?> { ["tick"] = tick });
    }
}
