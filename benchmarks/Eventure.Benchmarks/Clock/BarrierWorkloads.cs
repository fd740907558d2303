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

    public static IEnumerable<Metric> Barrier()
    {
        using var system = ActorSystem.Create("barrier", Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(EventureConfig.Default));
        var runtime = RunRuntime(system);
        var raw = RunRaw(system);
        system.Terminate().Wait();
        yield return new Metric("tick_barrier_entity_ticks_per_s", runtime, "entity-ticks/s");
        yield return new Metric("tick_barrier_raw_akka_entity_ticks_per_s", raw, "entity-ticks/s");
        yield return new Metric("tick_barrier_ratio_to_raw", runtime / raw, "ratio");
    }

    private static double RunRuntime(ActorSystem system)
    {
        var sim = Simulation.StartAsync(system, new SimulationOptions { Id = "barrier", AskTimeout = TimeSpan.FromMinutes(5), RunTimeout = TimeSpan.FromMinutes(5) }).Result;
        for (var i = 0; i < Entities; i++)
        {
            sim.SpawnAsync($"e{i:D5}", Props.Create(() => new TrivialEntity()), "trivial").Wait();
        }

        sim.RunTicksAsync(20).Wait();
        var times = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            var done = sim.RunTicksAsync(Ticks).Result;
            times.Add(watch.Elapsed.TotalSeconds);
            Check(done.TicksRun == Ticks, "every tick ran");
        }

        times.Sort();
        sim.StopAsync().Wait();
        return Entities * (double)Ticks / times[1];
    }

    private static double RunRaw(ActorSystem system)
    {
        var coordinator = system.ActorOf(Props.Create(() => new RawBarrier(Entities)));
        coordinator.Ask<long>(20L, TimeSpan.FromMinutes(5)).Wait();
        var times = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            coordinator.Ask<long>((long)Ticks, TimeSpan.FromMinutes(5)).Wait();
            times.Add(watch.Elapsed.TotalSeconds);
        }

        times.Sort();
        return Entities * (double)Ticks / times[1];
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
