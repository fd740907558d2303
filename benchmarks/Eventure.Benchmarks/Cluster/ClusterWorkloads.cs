using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;
using Eventure.Benchmarks.Quick;
using Eventure.Cluster;
using static Eventure.Benchmarks.Quick.WorkloadCheckException;

namespace Eventure.Benchmarks.Cluster;

/// <summary>
/// 10,000 entities on 3 actor systems clustered over loopback TCP in this process, beside the same simulation on one
/// node in the same run: what crosses nodes per tick (Eventure messages and bytes, counted by the wire serializer), and
/// where a tick's time goes (the singleton's serial share, the partitions' summed step time). On a 2-core machine the
/// nodes share the cores, so wall time measures overhead only; a speed-up is projected from the split.
/// </summary>
public static class ClusterWorkloads
{
    private const int Entities = 10_000;
    private const int Nodes = 3;
    private const int WarmTicks = 10;
    private const int Ticks = 40;

    private static readonly Config Quiet = ConfigurationFactory.ParseString("""
        akka.loglevel = OFF
        akka.stdout-loglevel = OFF
        akka.remote.log-remote-lifecycle-events = off
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """);

    public static IEnumerable<Metric> Scale()
    {
        var single = RunSingle();
        Measure.Progress($"single node: {single.WallUs:N0} us/tick wall, {single.CpuUs:N0} us/tick CPU");
        var cluster = RunCluster();
        Measure.Progress($"{Nodes} nodes: {cluster.WallUs:N0} us/tick wall, {cluster.CpuUs:N0} us/tick CPU, {cluster.Messages:N1} messages/tick, {cluster.Bytes:N0} bytes/tick");

        // Projected from CPU time, not wall time (the nodes share this machine's cores): the singleton's serial part per
        // tick stays on one node, the rest of the cluster's CPU time divides over the nodes; compared with one node's CPU.
        var serial = cluster.CoordinatorUs;
        var projected = single.CpuUs / (serial + (Math.Max(0, cluster.CpuUs - serial) / Nodes));
        yield return new Metric("cluster_messages_per_tick", cluster.Messages, "messages");
        yield return new Metric("cluster_bytes_per_tick", cluster.Bytes, "bytes");
        yield return new Metric("cluster_coordinator_us_per_tick", cluster.CoordinatorUs, "us");
        yield return new Metric("cluster_partition_us_per_tick", cluster.PartitionUs, "us");
        yield return new Metric("cluster_partition_step_latency_sum_us_per_tick", cluster.StepSumUs, "us");
        yield return new Metric("cluster_wall_us_per_tick", cluster.WallUs, "us");
        yield return new Metric("cluster_cpu_us_per_tick", cluster.CpuUs, "us");
        yield return new Metric("cluster_single_node_wall_us_per_tick", single.WallUs, "us");
        yield return new Metric("cluster_single_node_cpu_us_per_tick", single.CpuUs, "us");
        yield return new Metric("cluster_projected_speedup_3_nodes", projected, "ratio");
    }

    private static SimulationOptions Options() => new()
    {
        Id = "scale",
        Seed = 11,
        Entities = new EntityRegistry().Register<PulseEntity>("pulse"),
        AskTimeout = TimeSpan.FromMinutes(5),
        RunTimeout = TimeSpan.FromMinutes(10),
    };

    private static async Task SpawnAsync(Simulation sim)
    {
        var spawned = await sim.SpawnManyAsync(Enumerable.Range(0, Entities).Select(i => $"p{i:D5}"), _ => Props.Create<PulseEntity>(), "pulse");
        Check(spawned == Entities, "every entity spawned");
    }

    private static (double WallUs, double CpuUs) RunSingle()
    {
        using var system = ActorSystem.Create("scale", Quiet.WithFallback(EventureConfig.InMemory()));
        var sim = Simulation.StartAsync(system, Options()).Result;
        SpawnAsync(sim).Wait();
        sim.RunTicksAsync(WarmTicks).Wait();
        var (wall, cpu) = Timed(() => sim.RunTicksAsync(Ticks).Wait());
        sim.StopAsync().Wait();
        system.Terminate().Wait();
        return (wall / Ticks, cpu / Ticks);
    }

    /// <summary>
    /// The cluster run. A tick's wall time splits into the singleton's serial part (coordinator: no partition step
    /// outstanding) and the partitions' part (at least one step outstanding at the gateway); the step latencies summed
    /// over partitions (a step reaching its partition to its answer leaving) include waiting for a core.
    /// </summary>
    private static (double WallUs, double CpuUs, double Messages, double Bytes, double CoordinatorUs, double PartitionUs, double StepSumUs) RunCluster()
    {
        var cluster = LocalCluster.StartAsync("scale", Nodes, Quiet.WithFallback(EventureConfig.InMemory())).Result;
        try
        {
            var sim = cluster.StartSimulationAsync(Options).Result[0];
            SpawnAsync(sim).Wait();
            sim.RunTicksAsync(WarmTicks).Wait();
            var counters = cluster.Systems.Select(EventureCluster.Get).Select(c => c.Wire).ToList();
            var before = (counters.Sum(c => c.Messages), counters.Sum(c => c.Bytes), Sum(counters, c => c.PartitionTime), Sum(counters, c => c.OutstandingTime));
            var (wall, cpu) = Timed(() => sim.RunTicksAsync(Ticks).Wait());
            var messages = (counters.Sum(c => c.Messages) - before.Item1) / (double)Ticks;
            var bytes = (counters.Sum(c => c.Bytes) - before.Item2) / (double)Ticks;
            var partition = (Sum(counters, c => c.PartitionTime) - before.Item3) / Ticks;
            var outstanding = (Sum(counters, c => c.OutstandingTime) - before.Item4) / Ticks;
            Check(messages > 0, "partition traffic crossed nodes");
            var perTick = wall / Ticks;
            return (perTick, cpu / Ticks, messages, bytes, Math.Max(0, perTick - outstanding), Math.Min(perTick, outstanding), partition);
        }
        finally
        {
            cluster.DisposeAsync().AsTask().Wait();
        }
    }

    private static double Sum(IEnumerable<WireCounters> counters, Func<WireCounters, TimeSpan> of) => counters.Sum(c => of(c).TotalMicroseconds);

    private static (double WallUs, double CpuUs) Timed(Action run)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        run();
        watch.Stop();
        process.Refresh();
        return (watch.Elapsed.TotalMicroseconds, (process.TotalProcessorTime - cpu).TotalMicroseconds);
    }

    /// <summary>An entity that pulses now and then; one in 500 listens to every pulse (a second wave each tick).</summary>
    public sealed class PulseEntity : SimulationEntity
    {
        protected override void OnStart()
        {
            if (EntityId.EndsWith("000", StringComparison.Ordinal) || EntityId.EndsWith("500", StringComparison.Ordinal))
            {
                Subscribe("pulse.beat");
            }
        }

        protected override void OnTick(long tick)
        {
            if (Random.Next(50) == 0)
            {
                Publish("pulse.beat", new Dictionary<string, object?> { ["tick"] = tick });
            }
        }
    }
}
