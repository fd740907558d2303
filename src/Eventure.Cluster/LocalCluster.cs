using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Eventure.Actors;

namespace Eventure.Cluster;

/// <summary>
/// Several cluster nodes in one process: actor systems of one name, each on its own port of 127.0.0.1 (port 0, any free
/// one), the first the seed of the others, all on the same journal. This is what <c>--nodes N</c> of the examples and
/// the cluster benchmark run; a deployment runs one node per process (<c>node</c> command, docs/cluster.md).
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    /// <summary>
    /// Timings for nodes that share one process: gossip, sharding and singleton retries in fractions of a second, and
    /// no graceful leaving when the systems terminate (the simulations are stopped first; nothing is left to hand over).
    /// Under the caller's configuration, over the cluster overlay.
    /// </summary>
    private static readonly Config InProcess = ConfigurationFactory.ParseString("""
        akka.cluster.gossip-interval = 200ms
        akka.cluster.leader-actions-interval = 250ms
        akka.cluster.unreachable-nodes-reaper-interval = 250ms
        akka.cluster.sharding.retry-interval = 200ms
        akka.cluster.sharding.waiting-for-state-timeout = 1s
        akka.cluster.sharding.updating-state-timeout = 1s
        akka.cluster.sharding.shard-start-timeout = 1s
        akka.cluster.singleton.hand-over-retry-interval = 200ms
        akka.cluster.singleton-proxy.singleton-identification-interval = 200ms
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        akka.coordinated-shutdown.exit-clr = off
        """);

    private readonly List<Simulation> _simulations = [];

    private LocalCluster(ImmutableArray<ActorSystem> systems) => Systems = systems;

    /// <summary>The nodes, oldest first (the first runs a simulation's singleton while it is up).</summary>
    public ImmutableArray<ActorSystem> Systems { get; }

    /// <summary>
    /// Starts <paramref name="count"/> nodes named <paramref name="name"/> on <paramref name="config"/> (a journal's
    /// configuration; the cluster overlay goes under it) and waits until every node is up and hosts a shard region, so
    /// that partitions spread over all of them.
    /// </summary>
    /// <exception cref="TimeoutException">The nodes did not form a cluster within <paramref name="timeout"/> (30 s by default).</exception>
    public static async Task<LocalCluster> StartAsync(string name, int count, Config config, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(config);
        config = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.port = 0\nakka.remote.dot-netty.tcp.hostname = \"127.0.0.1\"")
            .WithFallback(config).WithFallback(InProcess).WithFallback(EventureClusterConfig.Default);
        var systems = ImmutableArray.CreateBuilder<ActorSystem>(count);
        for (var i = 0; i < count; i++)
        {
            var system = ActorSystem.Create(name, config);
            EventureCluster.Get(system); // also when the journal's configuration lists its own akka.extensions over the overlay's
            systems.Add(system);
        }

        var cluster = new LocalCluster(systems.MoveToImmutable());
        var wait = timeout ?? TimeSpan.FromSeconds(30);
        try
        {
            // One node after the other, each up before the next joins: the oldest (the singletons' node) is settled first.
            var deadline = DateTime.UtcNow + wait;
            var seed = Akka.Cluster.Cluster.Get(cluster.Systems[0]).SelfAddress;
            for (var i = 0; i < count; i++)
            {
                await Akka.Cluster.Cluster.Get(cluster.Systems[i]).JoinSeedNodesAsync([seed]);
                await AwaitMembersUpAsync(cluster.Systems[..(i + 1)], i + 1, deadline, wait);
            }

            await cluster.AwaitUpAsync(count, wait);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until every live node sees <paramref name="count"/> members up and the shard coordinator knows as many regions.</summary>
    /// <exception cref="TimeoutException">Not within <paramref name="timeout"/>.</exception>
    public async Task AwaitUpAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await AwaitMembersUpAsync(Live, count, deadline, timeout);
        var region = EventureCluster.Get(Live.First()).Region;
        while (true)
        {
            try
            {
                var regions = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, TimeSpan.FromSeconds(2));
                if (regions.Regions.Count == count)
                {
                    return;
                }
            }
            catch (AskTimeoutException)
            {
                // The shard coordinator is still starting.
            }

            await WaitAsync(deadline, timeout, "a shard region on every node");
        }
    }

    /// <summary>The nodes not terminated.</summary>
    public IEnumerable<ActorSystem> Live => Systems.Where(s => !s.WhenTerminated.IsCompleted);

    /// <summary>
    /// Starts the simulation on every live node (each node hosts partitions and can take the singleton over); returns
    /// the first node's <see cref="Simulation"/> (the others are stopped with the cluster).
    /// </summary>
    public async Task<ImmutableArray<Simulation>> StartSimulationAsync(Func<SimulationOptions> options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = ImmutableArray.CreateBuilder<Simulation>();
        foreach (var system in Live)
        {
            var simulation = await Simulation.StartAsync(system, options(), cancellationToken);
            _simulations.Add(simulation);
            started.Add(simulation);
        }

        return started.ToImmutable();
    }

    /// <summary>Stops every simulation started here, youngest node first (so the singleton never moves), then the nodes, youngest first.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var simulation in Enumerable.Reverse(_simulations))
        {
            try
            {
                await simulation.StopAsync();
            }
            catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException or SimulationException)
            {
                // Its node is gone already.
            }
        }

        _simulations.Clear();
        foreach (var system in Systems.Reverse())
        {
            await system.Terminate();
        }
    }

    private static async Task AwaitMembersUpAsync(IEnumerable<ActorSystem> systems, int count, DateTime deadline, TimeSpan timeout)
    {
        foreach (var system in systems)
        {
            while (Akka.Cluster.Cluster.Get(system).State.Members.Count(m => m.Status == MemberStatus.Up) != count)
            {
                await WaitAsync(deadline, timeout, "all members up");
            }
        }
    }

    private static async Task WaitAsync(DateTime deadline, TimeSpan timeout, string what)
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"the in-process cluster did not get {what} within {timeout.TotalSeconds:0} s");
        }

        await Task.Delay(100);
    }
}
