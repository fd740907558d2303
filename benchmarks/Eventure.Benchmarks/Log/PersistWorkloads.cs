using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Eventure.Actors.Persistence;
using Eventure.Actors;
using Eventure.Benchmarks.Quick;
using Eventure.Persistence.Sql;
using static Eventure.Benchmarks.Quick.WorkloadCheckException;

namespace Eventure.Benchmarks.Log;

/// <summary>
/// Writing and recovering a simulation log on a SQLite file, beside plain persistent actors on the same
/// journal configuration: one PersistAll of 100 per command, and one Persist per event. Public API only
/// (<see cref="JournalWriter"/>, <see cref="Simulation"/>, <see cref="JournalReader"/>).
/// </summary>
public static class PersistWorkloads
{
    private const int EventsPerTick = 100;

    public static IEnumerable<Metric> Persist()
    {
        using var db = new BenchDatabase();
        var ticks = BuildTicks(1_100);
        double eventureRate, pipelined, stepwise;
        using (var system = ActorSystem.Create("persist", Quiet.WithFallback(EventureConfig.Sqlite(db.Path))))
        {
            // Warm-up (JIT, connection pool, prepared statements), then the measured runs, all on one database.
            Append(system, "warm-up", ticks.Take(300));
            RunSimulation(system, "warm-up-run", maxUnstored: 32, ticks: 300);

            // Through the public writer: one row per tick; ticks sent ahead are stored in order, several per write.
            // (The second call also recovers the 100 first ticks: a few milliseconds of the measured time.)
            Append(system, "bench", ticks.Take(100));
            var watch = Stopwatch.StartNew();
            Append(system, "bench", ticks.Skip(100));
            eventureRate = (ticks.Count - 100) * EventsPerTick / watch.Elapsed.TotalSeconds;

            // A running simulation publishing 100 events per tick: each tick stored before the next begins
            // (eventure.tick.max-unstored-ticks = 0, the runtime before this setting), and storage overlapping the next
            // ticks (the default).
            stepwise = RunSimulation(system, "stepwise", maxUnstored: 0, ticks: 1_000);
            pipelined = RunSimulation(system, "pipelined", maxUnstored: EventureSettings.Default.MaxUnstoredTicks, ticks: 1_000);
            system.Terminate().Wait();
        }

        // The baselines: plain persistent actors on Akka.Persistence.Sql's own settings for this journal (as it ships:
        // payloads inlined in multi-row inserts, its best mode for many small rows) and the same database file.
        double batchRate, singleRate;
        var shipped = ConfigurationFactory.ParseString("akka.persistence.journal.sql.prefer-parameters-on-multirow-insert = off");
        using (var system = ActorSystem.Create("persist-raw", Quiet.WithFallback(shipped).WithFallback(EventureConfig.Sqlite(db.Path))))
        {
            var batch = system.ActorOf(Props.Create(() => new RawWriter("raw-batch", true)));
            var payload = JournalPayloads.Entries(system, ticks[0].Events, source: null);
            Write(batch, payload, 20);
            var watch = Stopwatch.StartNew();
            Write(batch, payload, 280);
            batchRate = 280 * EventsPerTick / watch.Elapsed.TotalSeconds;

            var single = system.ActorOf(Props.Create(() => new RawWriter("raw-single", false)));
            Write(single, payload, 2);
            watch.Restart();
            Write(single, payload, 10);
            singleRate = 10 * EventsPerTick / watch.Elapsed.TotalSeconds;
            system.Terminate().Wait();
        }

        yield return new Metric("persist_events_per_s", eventureRate, "events/s");
        yield return new Metric("persist_raw_persistall_events_per_s", batchRate, "events/s");
        yield return new Metric("persist_raw_single_events_per_s", singleRate, "events/s");
        yield return new Metric("persist_ratio_to_raw_persistall", eventureRate / batchRate, "ratio");
        yield return new Metric("persist_runtime_events_per_s", pipelined, "events/s");
        yield return new Metric("persist_runtime_stepwise_events_per_s", stepwise, "events/s");
    }

    /// <summary>Runs a simulation of one entity publishing 100 events per tick on the journal; events stored per second.</summary>
    private static double RunSimulation(ActorSystem system, string id, int maxUnstored, int ticks)
    {
        var settings = EventureSettings.Create(system.Settings.Config) with { MaxUnstoredTicks = maxUnstored };
        var options = new SimulationOptions
        {
            Id = id,
            Seed = 1,
            LogProps = EventLogActor.Props(id, EventLogSettings.Create(system.Settings.Config)),
            Settings = settings,
            RunTimeout = TimeSpan.FromMinutes(10),
        };
        var sim = Simulation.StartAsync(system, options).Result;
        sim.SpawnAsync("chatty", Props.Create(() => new Chatty(EventsPerTick))).Wait();
        sim.RunTicksAsync(10).Wait();
        var watch = Stopwatch.StartNew();
        sim.RunTicksAsync(ticks).Wait();
        var rate = ticks * EventsPerTick / watch.Elapsed.TotalSeconds;
        var stored = JournalReader.LoadTicksAsync(system, id, TimeSpan.FromMinutes(5)).Result;
        Check(stored.Count == ticks + 10 && stored.Sum(t => t.Events.Length) == (ticks + 10) * EventsPerTick + 1, $"{id}: {stored.Count} ticks stored");
        sim.StopAsync().Wait();
        return rate;
    }

    public static IEnumerable<Metric> Recovery()
    {
        // 200k events in quick mode; EVENTURE_BENCH_RECOVERY_EVENTS=1000000 for the full-size journal.
        var ticks = int.TryParse(Environment.GetEnvironmentVariable("EVENTURE_BENCH_RECOVERY_EVENTS"), out var events) && events >= EventsPerTick
            ? events / EventsPerTick
            : 2_000;
        var count = ticks * EventsPerTick;
        using var db = new BenchDatabase();
        using (var system = ActorSystem.Create("recovery-write", Quiet.WithFallback(EventureConfig.Sqlite(db.Path))))
        {
            Measure.Progress($"writing {count:N0} events as tick rows, and again as one row per event (the baseline)");
            var built = BuildTicks(ticks);
            Append(system, "recover", built);
            var raw = system.ActorOf(Props.Create(() => new RawWriter("raw-recover", true)));
            foreach (var tick in built)
            {
                raw.Ask<string>(JournalPayloads.Entries(system, tick.Events, "bench"), TimeSpan.FromMinutes(1)).Wait();
            }

            system.Terminate().Wait();
        }

        using var reader = ActorSystem.Create("recovery-read", Quiet.WithFallback(EventureConfig.Sqlite(db.Path)));

        // A resume: the simulation's log recovers every row (no snapshot at all) and the coordinator continues after it.
        // First in a fresh process (JIT, query compilation and connection set-up included), then again in a warm one.
        var cold = Resume(reader, ticks);
        var resume = Resume(reader, ticks);

        // A catch-up read: every stored tick with its events, as the CLI and time travel read them.
        var watch = Stopwatch.StartNew();
        var all = JournalReader.LoadTicksAsync(reader, "recover", TimeSpan.FromMinutes(10)).Result;
        var read = watch.Elapsed.TotalSeconds;
        Check(all.Sum(t => t.Events.Length) == count, $"read {all.Sum(t => t.Events.Length)} events");

        // The baseline: the same events stored one row per event, replayed by a plain persistent actor.
        watch.Restart();
        var counter = reader.ActorOf(Props.Create(() => new RawCounter("raw-recover")));
        var replayed = counter.Ask<long>("count", TimeSpan.FromMinutes(10)).Result;
        var baseline = watch.Elapsed.TotalSeconds;
        Check(replayed == count, $"the baseline replayed {replayed} events");
        reader.Terminate().Wait();

        yield return new Metric("recovery_events_per_s", count / resume, "events/s");
        yield return new Metric("recovery_read_events_per_s", count / read, "events/s");
        yield return new Metric("recovery_raw_per_event_events_per_s", count / baseline, "events/s");
        yield return new Metric("recovery_resume_seconds", resume, "s");
        yield return new Metric("recovery_cold_resume_seconds", cold, "s");
        yield return new Metric("recovery_events", count, "events");
    }

    private static double Resume(ActorSystem system, int ticks)
    {
        var watch = Stopwatch.StartNew();
        var sim = Simulation.StartAsync(system, new SimulationOptions { Id = "recover", LogProps = EventLogActor.Props("recover", new EventLogSettings(0, 1)), AskTimeout = TimeSpan.FromMinutes(10) }).Result;
        var seconds = watch.Elapsed.TotalSeconds;
        var next = sim.GetStatusAsync().Result.NextTick;
        Check(next == ticks, $"resumed at tick {next}, expected {ticks}");
        sim.StopAsync().Wait();
        return seconds;
    }

    internal static Config Quiet => ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");

    internal static List<StoredTick> BuildTicks(int count)
    {
        var ids = new EventIdGenerator();
        var ticks = new List<StoredTick>(count);
        for (var t = 0; t < count; t++)
        {
            var events = ImmutableArray.CreateBuilder<Event>(EventsPerTick);
            for (var i = 0; i < EventsPerTick; i++)
            {
                var type = Core.CoreData.Types[i % 8];
                events.Add(new Event(t, 1_767_225_600 + t, type, new Dictionary<string, object?> { ["value"] = (long)i, ["actor"] = "a" + (i % 50) }, ids.Next(t, type)));
            }

            ticks.Add(new StoredTick(t, events.MoveToImmutable(), [.. Enumerable.Repeat<string?>("bench", EventsPerTick)], t));
        }

        return ticks;
    }

    private static void Append(ActorSystem system, string simulationId, IEnumerable<StoredTick> ticks)
    {
        var list = ticks.ToList();
        var stored = JournalWriter.WriteTicksAsync(system, simulationId, list, timeout: TimeSpan.FromMinutes(1)).Result;
        Check(stored == list.Count, $"{stored} of {list.Count} ticks stored");
    }

    private static void Write(IActorRef writer, object[] payload, int batches)
    {
        for (var i = 0; i < batches; i++)
        {
            writer.Ask<string>(payload, TimeSpan.FromMinutes(1)).Wait();
        }
    }

    /// <summary>Recovers a journal of one row per event and answers how many it replayed.</summary>
    private sealed class RawCounter : ReceivePersistentActor
    {
        private long _count;

        public RawCounter(string id)
        {
            PersistenceId = id;
            Recover<object>(e => _count += e is RecoveryCompleted ? 0 : 1);
            Command<string>(_ => Sender.Tell(_count));
        }

        public override string PersistenceId { get; }
    }

    /// <summary>The baseline: a plain persistent actor writing the same entries, batched or one by one.</summary>
    private sealed class RawWriter : ReceivePersistentActor
    {
        public RawWriter(string id, bool batch)
        {
            PersistenceId = id;
            Recover<object>(_ => { });
            Command<object[]>(events =>
            {
                var sender = Sender;
                var remaining = events.Length;
                void Done(object _)
                {
                    if (--remaining == 0)
                    {
                        sender.Tell("done");
                    }
                }

                if (batch)
                {
                    PersistAll(events, Done);
                }
                else
                {
                    foreach (var e in events)
                    {
#pragma warning disable AK1006 // This baseline measures exactly the anti-pattern: one Persist per event.
                        Persist(e, Done);
#pragma warning restore AK1006
                    }
                }
            });
        }

        public override string PersistenceId { get; }
    }
}
