using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Eventure.Actors;
using Eventure.Persistence.Sql;

namespace Eventure.Cluster.Tests;

/// <summary>
/// Several actor systems in this process, clustered over TCP on 127.0.0.1 (port 0, the first node the seed of the
/// others), all on one SQLite journal: the way Akka.Cluster.Sharding's own specs run several nodes without the
/// multi-node test kit. Failure detection and the split-brain resolver are shortened for tests.
/// </summary>
internal sealed class ClusterNodes : IAsyncDisposable
{
    /// <summary>Test timings: quick failure detection and downing, a short writer lease, eight partitions.</summary>
    public static readonly Config TestConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        akka.coordinated-shutdown.exit-clr = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.cluster.run-coordinated-shutdown-when-down = on
        akka.cluster.failure-detector.heartbeat-interval = 300ms
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 3s
        akka.cluster.failure-detector.threshold = 10.0
        akka.cluster.unreachable-nodes-reaper-interval = 250ms
        akka.cluster.gossip-interval = 200ms
        akka.cluster.leader-actions-interval = 250ms
        akka.cluster.split-brain-resolver.stable-after = 3s
        akka.cluster.sharding.retry-interval = 200ms
        akka.cluster.sharding.waiting-for-state-timeout = 1s
        akka.cluster.sharding.updating-state-timeout = 1s
        akka.cluster.sharding.shard-start-timeout = 1s
        akka.cluster.singleton.hand-over-retry-interval = 200ms
        akka.cluster.singleton-proxy.singleton-identification-interval = 200ms
        akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
        eventure.cluster.partitions = 8
        eventure.cluster.lease-retry = 300ms
        eventure.persistence.sql.lease.heartbeat-timeout = 3s
        eventure.persistence.sql.lease.heartbeat-interval = 500ms
        eventure.tick.timeout = 10s
        """);

    private ClusterNodes(ImmutableArray<ActorSystem> systems) => Systems = systems;

    /// <summary>The nodes, oldest first (the first runs the singleton until it leaves).</summary>
    public ImmutableArray<ActorSystem> Systems { get; }

    /// <summary>Starts <paramref name="count"/> nodes on the SQLite journal <paramref name="database"/> and waits until all are up and host partitions.</summary>
    public static async Task<ClusterNodes> StartAsync(int count, string database, Config? extra = null)
    {
        var config = (extra ?? Config.Empty).WithFallback(TestConfig).WithFallback(EventureClusterConfig.Default).WithFallback(EventureConfig.Sqlite(database));
        var systems = ImmutableArray.CreateBuilder<ActorSystem>(count);
        for (var i = 0; i < count; i++)
        {
            systems.Add(ActorSystem.Create("eventure", config));
        }

        var nodes = new ClusterNodes(systems.MoveToImmutable());
        // One node after the other, each up before the next joins: the oldest (the singletons' node) is settled first.
        var seed = Akka.Cluster.Cluster.Get(nodes.Systems[0]).SelfAddress;
        for (var i = 0; i < count; i++)
        {
            await Akka.Cluster.Cluster.Get(nodes.Systems[i]).JoinSeedNodesAsync([seed]);
            await AwaitMembersUpAsync(nodes.Systems[..(i + 1)], i + 1);
        }

        await nodes.AwaitUpAsync(count);
        return nodes;
    }

    private static async Task AwaitMembersUpAsync(IEnumerable<ActorSystem> systems, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (var system in systems)
        {
            while (Akka.Cluster.Cluster.Get(system).State.Members.Count(m => m.Status == MemberStatus.Up) != count)
            {
                await Deadline(deadline, "members up");
            }
        }
    }

    /// <summary>Waits until every live node sees <paramref name="count"/> members up and the shard coordinator knows each node's region.</summary>
    public async Task AwaitUpAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (var system in Live)
        {
            while (Akka.Cluster.Cluster.Get(system).State.Members.Count(m => m.Status == MemberStatus.Up) != count)
            {
                await Deadline(deadline, "members up");
            }
        }

        var region = EventureCluster.Get(Live.First()).Region;
        while (true)
        {
            var regions = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, TimeSpan.FromSeconds(5));
            if (regions.Regions.Count == count)
            {
                break;
            }

            await Deadline(deadline, "shard regions");
        }
    }

    /// <summary>The nodes not terminated.</summary>
    public IEnumerable<ActorSystem> Live => Systems.Where(s => !s.WhenTerminated.IsCompleted);

    /// <summary>Starts the simulation on every live node (same options, each node its own registry); returns each node's facade.</summary>
    public async Task<ImmutableArray<Simulation>> StartSimulationAsync(Func<SimulationOptions> options)
    {
        var simulations = ImmutableArray.CreateBuilder<Simulation>();
        foreach (var system in Live)
        {
            simulations.Add(await Simulation.StartAsync(system, options()));
        }

        return simulations.ToImmutable();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var system in Systems.Reverse())
        {
            await system.Terminate();
        }

        SqliteJournal.ReleaseConnections();
    }

    private static async Task Deadline(DateTime deadline, string what)
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"the cluster did not get its {what} within 60 s");
        }

        await Task.Delay(100);
    }
}
