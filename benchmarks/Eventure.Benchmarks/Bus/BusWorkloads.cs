using System.Diagnostics;
using Akka.Actor;
using Eventure.Actors;
using Eventure.Benchmarks.Quick;
using static Eventure.Benchmarks.Quick.WorkloadCheckException;

namespace Eventure.Benchmarks.Bus;

/// <summary>
/// A three-wave cascade with wildcard subscribers: 10 emitters publish cascade.root each tick; 10 reactors on
/// <c>cascade.*</c> answer a root with cascade.l1 and an l1 with cascade.l2; one global subscriber watches
/// everything. 1,110 events and 12,210 deliveries per tick, on the BusActor and on the core EventBus.
/// </summary>
public static class BusWorkloads
{
    private const int Ticks = 30;
    private const int EventsPerTick = 10 + 100 + 1_000;

    public static IEnumerable<Metric> Cascade()
    {
        var cpu = System.Diagnostics.Process.GetCurrentProcess();
        var before = cpu.TotalProcessorTime;
        var actors = RunActors();
        cpu.Refresh();
        var actorCpu = (cpu.TotalProcessorTime - before).TotalMicroseconds / (EventsPerTick * (double)Ticks * 5);
        var core = RunCore();
        yield return new Metric("bus_actor_events_per_s", actors, "events/s");
        yield return new Metric("bus_core_events_per_s", core, "events/s");
        yield return new Metric("bus_actor_ratio_to_core", actors / core, "ratio");

        // CPU time per event (warm-up included, every thread of the process): steadier than wall time on a busy machine.
        yield return new Metric("bus_actor_cpu_us_per_event", actorCpu, "us");
    }

    private static double RunActors()
    {
        using var system = ActorSystem.Create("bus", Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(EventureConfig.Default));
        var sim = Simulation.StartAsync(system, new SimulationOptions { Id = "bus", RunTimeout = TimeSpan.FromMinutes(5) }).Result;
        for (var i = 0; i < 10; i++)
        {
            sim.SpawnAsync($"emitter-{i}", Props.Create(() => new Emitter())).Wait();
            sim.SpawnAsync($"reactor-{i}", Props.Create(() => new Reactor())).Wait();
        }

        sim.SpawnAsync("watcher", Props.Create(() => new Watcher())).Wait();
        // Warm up until tiered compilation settles, then the median of three measured rounds.
        sim.RunTicksAsync(2 * Ticks).Wait();
        var times = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            sim.RunTicksAsync(Ticks).Wait();
            times.Add(watch.Elapsed.TotalSeconds);
        }

        var seconds = Measure.MedianOf(times);
        var log = sim.GetLogAsync().Result;
        Check(log.GetEventsAtTick(10).Count == EventsPerTick, $"{log.GetEventsAtTick(10).Count} events at tick 10, expected {EventsPerTick}");
        system.Terminate().Wait();
        return EventsPerTick * (double)Ticks / seconds;
    }

    private static double RunCore()
    {
        var (seconds, count) = Measure.Median(
            () => 0,
            _ =>
            {
                var log = new EventLog();
                var bus = new EventBus(log);
                for (var i = 0; i < 10; i++)
                {
                    bus.Subscribe("cascade.*", e =>
                    {
                        if (e.Type == "cascade.root")
                        {
                            bus.Publish("cascade.l1", null, e);
                        }
                        else if (e.Type == "cascade.l1")
                        {
                            bus.Publish("cascade.l2", null, e);
                        }
                    });
                }

                var seen = 0L;
                bus.Subscribe("*", _ => seen++);
                for (var t = 0; t < Ticks; t++)
                {
                    for (var i = 0; i < 10; i++)
                    {
                        bus.Publish("cascade.root");
                    }

                    log.AdvanceTick();
                }

                return log.Events.Count;
            });
        Check(count == EventsPerTick * Ticks, "core cascade event count");
        return count / seconds;
    }

    private sealed class Emitter : SimulationEntity
    {
        protected override void OnTick(long tick) => Publish("cascade.root");
    }

    private sealed class Reactor : SimulationEntity
    {
        protected override void OnStart() => Subscribe("cascade.*");

        protected override void OnEvent(Event e)
        {
            if (e.Type == "cascade.root")
            {
                Publish("cascade.l1");
            }
            else if (e.Type == "cascade.l1")
            {
                Publish("cascade.l2");
            }
        }
    }

    private sealed class Watcher : SimulationEntity
    {
        private long _seen;

        protected override void OnStart() => Subscribe("*");

        protected override void OnEvent(Event e) => _seen++;

        protected override long StateChecksum() => _seen;
    }
}
