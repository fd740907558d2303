using System.Collections.Immutable;
using Akka.Actor;
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

    /// <summary>How long the nodes may take to form the cluster, and to form it again after a node is lost.</summary>
    private static readonly TimeSpan FormTimeout = TimeSpan.FromSeconds(60);

    private readonly LocalCluster _cluster;

    private ClusterNodes(LocalCluster cluster) => _cluster = cluster;

    /// <summary>The nodes, oldest first (the first runs the singleton until it leaves).</summary>
    public ImmutableArray<ActorSystem> Systems => _cluster.Systems;

    /// <summary>Starts <paramref name="count"/> nodes on the SQLite journal <paramref name="database"/> and waits until all are up and host partitions.</summary>
    public static async Task<ClusterNodes> StartAsync(int count, string database, Config? extra = null) =>
        new(await LocalCluster.StartAsync("eventure", count, (extra ?? Config.Empty).WithFallback(TestConfig).WithFallback(EventureConfig.Sqlite(database)), FormTimeout));

    /// <summary>Waits until every live node sees <paramref name="count"/> members up and the shard coordinator knows each node's region.</summary>
    public Task AwaitUpAsync(int count) => _cluster.AwaitUpAsync(count, FormTimeout);

    /// <summary>Starts the simulation on every live node (same options, each node its own registry); returns each node's facade.</summary>
    public Task<ImmutableArray<Simulation>> StartSimulationAsync(Func<SimulationOptions> options) => _cluster.StartSimulationAsync(options);

    /// <summary>Stops the simulations still running and the nodes, youngest first, and lets go of the SQLite file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        SqliteJournal.ReleaseConnections();
    }
}
