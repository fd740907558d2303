using System.Diagnostics;
using Akka.Actor;
using Eventure.Actors;
using Eventure.Benchmarks.Quick;
using static Eventure.Benchmarks.Quick.WorkloadCheckException;

namespace Eventure.Benchmarks.Clock;

/// <summary>The tick barrier with 10,000 trivial entities, beside a hand-written broadcast/ack barrier.</summary>
public static class BarrierWorkloads
{
    private const int Entities = 10_000;
    private const int Ticks = 60;

    private const int Rounds = 8;

    public static IEnumerable<Metric> Barrier()
    {
        using var system = ActorSystem.Create("barrier", Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(EventureConfig.Default));
        var sim = Simulation.StartAsync(system, new SimulationOptions { Id = "barrier", AskTimeout = TimeSpan.FromMinutes(5), RunTimeout = TimeSpan.FromMinutes(5) }).Result;
        // The population is spawned the way a user starts 10,000 entities: at once. (Spawned one by one, the
        // same entities are laid out across the heap between other allocations and drive 25-35 % slower.)
        var spawned = sim.SpawnManyAsync(Enumerable.Range(0, Entities).Select(i => $"e{i:D5}"), _ => Props.Create(() => new TrivialEntity()), "trivial").Result;
        Check(spawned == Entities, "every entity spawned");

        var raw = system.ActorOf(Props.Create(() => new RawBarrier(Entities)));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true); // both populations start compacted

        // Warm both until tiered compilation has settled (the runtime has far more code on its path than the
        // raw barrier), then alternate them so both see the same machine state; report the medians.
        for (var warm = 0; warm < 3; warm++)
        {
            sim.RunTicksAsync(Ticks).Wait();
            raw.Ask<long>((long)Ticks, TimeSpan.FromMinutes(5)).Wait();
        }

        var runtimeTimes = new List<double>();
        var rawTimes = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            var done = sim.RunTicksAsync(Ticks).Result;
            runtimeTimes.Add(watch.Elapsed.TotalSeconds);
            Measure.Progress($"runtime round {round}: {Entities * (double)Ticks / watch.Elapsed.TotalSeconds:N0} entity-ticks/s");
            Check(done.TicksRun == Ticks, "every tick ran");

            watch.Restart();
            raw.Ask<long>((long)Ticks, TimeSpan.FromMinutes(5)).Wait();
            rawTimes.Add(watch.Elapsed.TotalSeconds);
            Measure.Progress($"raw round {round}: {Entities * (double)Ticks / watch.Elapsed.TotalSeconds:N0} entity-ticks/s");
        }

        sim.StopAsync().Wait();
        system.Terminate().Wait();
        var runtime = Entities * (double)Ticks / Measure.MedianOf(runtimeTimes);
        var baseline = Entities * (double)Ticks / Measure.MedianOf(rawTimes);
        yield return new Metric("tick_barrier_entity_ticks_per_s", runtime, "entity-ticks/s");
        yield return new Metric("tick_barrier_raw_akka_entity_ticks_per_s", baseline, "entity-ticks/s");
        yield return new Metric("tick_barrier_ratio_to_raw", runtime / baseline, "ratio");
    }

    /// <summary>An entity that does nothing: the barrier's own cost.</summary>
    public sealed class TrivialEntity : SimulationEntity;

    /// <summary>The baseline: broadcast a tick to plain actors, count the acks, repeat.</summary>
    private sealed class RawBarrier : UntypedActor
    {
        private readonly IActorRef[] _entities;
        private long _left;
        private int _pending;
        private long _tick;
        private IActorRef? _requester;

        public RawBarrier(int count)
        {
            _entities = [.. Enumerable.Range(0, count).Select(_ => Context.ActorOf(Props.Create(() => new Echo())))];
        }

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case long count:
                    _requester = Sender;
                    _left = count;
                    Next();
                    break;
                case RawTick:
                    if (--_pending == 0)
                    {
                        _left--;
                        _tick++;
                        Next();
                    }

                    break;
            }
        }

        private void Next()
        {
            if (_left == 0)
            {
                _requester!.Tell(_tick);
                return;
            }

            _pending = _entities.Length;
            var tick = new RawTick(_tick);
            foreach (var entity in _entities)
            {
                entity.Tell(tick);
            }
        }
    }

    private sealed class Echo : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message);
    }

    private sealed record RawTick(long Number);
}
