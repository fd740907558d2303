using System.Diagnostics;
using Akka.Actor;
using Eventure.Actors;
using Eventure.Benchmarks.Quick;
using static Eventure.Benchmarks.Quick.WorkloadCheckException;

namespace Eventure.Benchmarks.Faults;

/// <summary>
/// What faults cost: 200 <see cref="SimulationEntity{TState}"/> entities on wildcard patterns (issue 20's busy
/// population: publishing on 10 % of ticks, answering 2 % of deliveries, cascades up to 3 deep) where 1 % of deliveries
/// throw, beside the same population without faults, in one actor system, rounds alternating.
/// </summary>
/// <remarks>
/// Every fault is a restart: the entity hands its state to the next incarnation, is rebuilt and gets the rest of its
/// batch. Events per second count every journaled event (an <c>entity.faulted</c> replaces the reactions of its
/// delivery); the tick ratio compares time per tick, the stricter figure.
/// </remarks>
public static class FaultStormWorkload
{
    private const int Entities = 200;
    private const int Ticks = 6;
    private const int Rounds = 9;
    private const int FaultPermille = 10;

    public static IEnumerable<Metric> Storm()
    {
        // Logging off: the first fault of each type per partition is logged with its stack trace, and Akka's logger
        // writes to standard output, which quick mode keeps for its JSON lines (every fault is journaled anyway).
        using var system = ActorSystem.Create("storm", Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = OFF\nakka.stdout-loglevel = OFF").WithFallback(EventureConfig.Default));
        var storm = Start(system, "storm", FaultPermille);
        var calm = Start(system, "calm", 0);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        // Warm both, then alternate short rounds so both see the same machine state. The ratios are the medians of
        // each round's storm against the calm round right after it (the machine is shared, its load changes).
        for (var warm = 0; warm < 2; warm++)
        {
            Round(storm);
            Round(calm);
        }

        var stormRates = new List<double>();
        var calmRates = new List<double>();
        var rateRatios = new List<double>();
        var tickRatios = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var (stormEvents, stormSeconds) = Round(storm);
            var (calmEvents, calmSeconds) = Round(calm);
            stormRates.Add(stormEvents / stormSeconds);
            calmRates.Add(calmEvents / calmSeconds);
            rateRatios.Add(stormEvents / stormSeconds / (calmEvents / calmSeconds));
            tickRatios.Add(calmSeconds / stormSeconds);
            Measure.Progress($"round {round}: storm {stormEvents / stormSeconds:N0} events/s ({Ticks / stormSeconds:F1} ticks/s), calm {calmEvents / calmSeconds:N0} events/s ({Ticks / calmSeconds:F1} ticks/s)");
        }

        var log = storm.GetLogAsync().Result;
        var faults = log.Events.Count(e => e.Type == "entity.faulted");
        var ticks = log.Events.Max(e => e.Tick) + 1;
        Check(faults > 100 * ticks, $"only {faults} faults in {ticks} ticks of the storm");
        Check(log.Events.All(e => e.Type != "entity.despawned"), "no entity reaches max-faults-per-tick");
        Check(calm.GetLogAsync().Result.Events.All(e => e.Type != "entity.faulted"), "no faults without faults");
        storm.StopAsync().Wait();
        calm.StopAsync().Wait();
        system.Terminate().Wait();

        yield return new Metric("fault_storm_events_per_s", Measure.MedianOf(stormRates), "events/s");
        yield return new Metric("fault_storm_baseline_events_per_s", Measure.MedianOf(calmRates), "events/s");
        yield return new Metric("fault_storm_ratio_to_baseline", Measure.MedianOf(rateRatios), "ratio");
        yield return new Metric("fault_storm_tick_ratio_to_baseline", Measure.MedianOf(tickRatios), "ratio");
        yield return new Metric("fault_storm_faults_per_tick", faults / (double)ticks, "faults/tick");
    }

    private static Simulation Start(ActorSystem system, string id, int faultPermille)
    {
        var sim = Simulation.StartAsync(system, new SimulationOptions { Id = id, Seed = 20, AskTimeout = TimeSpan.FromMinutes(5), RunTimeout = TimeSpan.FromMinutes(10) }).Result;
        var spawned = sim.SpawnManyAsync(Enumerable.Range(0, Entities).Select(i => $"storm-{i:D3}"), _ => Props.Create(() => new StormEntity(faultPermille)), "storm").Result;
        Check(spawned == Entities, "every entity spawned");
        return sim;
    }

    private static (int Events, double Seconds) Round(Simulation sim)
    {
        var before = sim.GetStatusAsync().Result.NextTick;
        var watch = Stopwatch.StartNew();
        sim.RunTicksAsync(Ticks).Wait();
        var seconds = watch.Elapsed.TotalSeconds;
        var log = sim.GetLogAsync(before + Ticks - 1).Result;
        return (log.Events.Count(e => e.Tick >= before), seconds);
    }

    /// <summary>The entity's state: how many events it published, and the last of them.</summary>
    public sealed record StormState(long Sent, string Last);

    /// <summary>A member of the busy population, with its state as a value.</summary>
    private sealed class StormEntity(int faultPermille) : SimulationEntity<StormState>
    {
        private static readonly string[] Colors = ["red", "green", "blue", "amber"];
        private static readonly string[] Actions = ["ping", "pong", "poke"];

        protected override StormState InitialState => new(0, string.Empty);

        private int Index => int.Parse(EntityId.AsSpan(EntityId.LastIndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture);

        protected override void OnStart()
        {
            Subscribe($"{Colors[Index % Colors.Length]}.*");
            Subscribe($"*.{Actions[Index % Actions.Length]}");
            if (Index % 7 == 0)
            {
                Subscribe("*");
            }
        }

        protected override void OnTick(long tick)
        {
            if (Draw("tick", tick.ToString(System.Globalization.CultureInfo.InvariantCulture)) % 100 < 10)
            {
                var n = Index + (int)tick;
                Publish($"{Colors[n % Colors.Length]}.{Actions[n % Actions.Length]}", new Dictionary<string, object?> { ["depth"] = 0L, ["sent"] = State.Sent + 1 });
            }
        }

        protected override void OnEvent(Event e)
        {
            var draw = Draw("event", e.Id);
            if (draw % 1000 < (ulong)faultPermille)
            {
                throw new InvalidOperationException($"{EntityId} cannot handle {e.Id}");
            }

            var depth = e.Data.TryGetValue("depth", out var d) && d is long value ? value : 3;
            if (depth < 3 && (draw >> 16) % 1000 < 20)
            {
                var n = Index + (int)(draw % 11);
                Publish($"{Colors[n % Colors.Length]}.{Actions[n % Actions.Length]}", new Dictionary<string, object?> { ["depth"] = depth + 1, ["sent"] = State.Sent + 1 });
            }
        }

        protected override StormState Apply(StormState state, Event e) => new(state.Sent + 1, e.Type);

        protected override long StateChecksum() => State.Sent;

        private ulong Draw(string what, string key) => Hash(Hash(Hash(14695981039346656037UL, EntityId), what), key);

        /// <summary>FNV-1a over the UTF-16 code units, then an avalanche: a stable draw from the id and what it is for.</summary>
        private static ulong Hash(ulong hash, string text)
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            hash ^= hash >> 33;
            hash *= 0xFF51AFD7ED558CCDUL;
            return hash ^ (hash >> 33);
        }
    }
}
