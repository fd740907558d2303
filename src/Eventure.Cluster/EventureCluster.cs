using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Eventure.Actors;

namespace Eventure.Cluster;

/// <summary>
/// Eventure on an Akka.NET cluster (an Akka extension, loaded by <c>hocon/cluster.conf</c> or
/// <c>WithEventureCluster</c>): with it, <see cref="Simulation.StartAsync"/> runs the simulation's coordinator, bus and
/// log as one cluster singleton (the single writer of its journal) and its entities in
/// <c>eventure.cluster.partitions</c> sharded partitions, and the journal is the one a single node would write.
/// </summary>
/// <remarks>
/// <para>Every node starts the simulation with the same <see cref="SimulationOptions"/> (same id, seed and entity
/// kinds): each then hosts partitions, can take the singleton over, and gets a <see cref="Simulation"/> to drive it.
/// Entities are spawned by registered kind (a <c>Props</c> cannot travel). <see cref="Simulation.StopAsync"/> ends this
/// node's part.</para>
/// <para>A node lost mid-tick: the unstored tick is abandoned, its partitions are rebuilt from the journal on the other
/// nodes, and the tick runs again. The singleton's node lost: the next singleton takes the writer lease over once it
/// expires, recovers from the journal and continues. See docs/cluster.md.</para>
/// </remarks>
/// <example>
/// <code>
/// using var system = ActorSystem.Create("eventure", EventureClusterConfig.Node(4053, ["akka.tcp://eventure@10.0.0.1:4053"])
///     .WithFallback(EventureConfig.Postgres(connectionString)));
/// await using var sim = await Simulation.StartAsync(system, options);   // the same call as on one node
/// </code>
/// </example>
public sealed class EventureCluster : IExtension, ISimulationHost
{
    /// <summary>The sharded type name of partition hosts.</summary>
    public const string PartitionTypeName = "eventure-partition";

    private static readonly Lazy<Config> ReferenceConfig = new(() => EventureClusterConfig.Embedded("Eventure.Cluster.reference.conf"));
    private readonly ConcurrentDictionary<string, EntityRegistry> _registries = new(StringComparer.Ordinal);
    private readonly EntityRegistry _fallback = new();

    internal EventureCluster(ExtendedActorSystem system)
    {
        system.Settings.InjectTopLevelFallback(ReferenceConfig.Value);
        if (system.Provider is not Akka.Cluster.ClusterActorRefProvider)
        {
            throw new ConfigurationException("Eventure.Cluster needs akka.actor.provider = cluster (use hocon/cluster.conf, EventureClusterConfig.Node or WithEventureCluster).");
        }

        var eventure = EventureExtension.Get(system);
        Settings = EventureClusterSettings.Create(system.Settings.Config);
        Wire = WireCounters.Of(system);
        Region = ClusterSharding.Get(system).Start(PartitionTypeName, entityId => PartitionHost.Props(entityId, this), ClusterShardingSettings.Create(system), PartitionMessageExtractor.Instance);
        eventure.Host = this;
    }

    /// <summary>The <c>eventure.cluster</c> settings.</summary>
    public EventureClusterSettings Settings { get; }

    /// <summary>What this node's <see cref="WireSerializer"/> wrote: the partitions' traffic it sent to other nodes.</summary>
    public WireCounters Wire { get; }

    /// <summary>This node's shard region of partition hosts.</summary>
    internal IActorRef Region { get; }

    /// <summary>The extension of <paramref name="system"/>, loading it first if needed.</summary>
    public static EventureCluster Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<EventureCluster, EventureClusterProvider>();
    }

    /// <summary>The entity kinds this node knows for <paramref name="simulation"/> (type names resolve without registration).</summary>
    internal EntityRegistry RegistryOf(string simulation) => _registries.GetValueOrDefault(simulation, _fallback);

    /// <inheritdoc />
    async Task<IActorRef> ISimulationHost.StartAsync(ActorSystem system, SimulationOptions options, EventureSettings settings, CancellationToken cancellationToken)
    {
        if (!ActorPath.IsValidPathElement(options.Id))
        {
            throw new ArgumentException($"In a cluster the simulation id names the singleton, so it must be a valid actor name; '{options.Id}' is not.", nameof(options));
        }

        if (!_registries.TryAdd(options.Id, options.Entities) && !ReferenceEquals(_registries[options.Id], options.Entities))
        {
            throw new SimulationException($"The simulation '{options.Id}' already runs on node {system.Name}; start it once per node.");
        }

        settings = settings with { Partitions = Settings.Partitions };
        var partitions = Settings.Partitions;
        var region = Region;
        var singletonOptions = options.With(options.LogProps, (context, log) =>
            new ClusterPartitions(context.ActorOf(PartitionGateway.Props(options.Id, partitions, region, log, options.Seed, settings.TickTimeout, options.Entities), "partitions"), partitions));
        var name = $"eventure-{options.Id}";
        system.ActorOf(ClusterSingletonManager.Props(
            SimulationSingleton.Props(singletonOptions, settings, Settings.LeaseRetry),
            StopSingleton.Instance,
            ClusterSingletonManagerSettings.Create(system).WithSingletonName("singleton")), name);
        var proxy = system.ActorOf(ClusterSingletonProxy.Props($"/user/{name}", ClusterSingletonProxySettings.Create(system).WithSingletonName("singleton")), $"{name}-proxy");
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return system.ActorOf(SimulationClient.Props(proxy, options.Entities), $"{name}-client");
    }

    /// <inheritdoc />
    async Task ISimulationHost.StopAsync(ActorSystem system, string simulationId, IActorRef coordinator)
    {
        var name = $"eventure-{simulationId}";
        var timeout = TimeSpan.FromSeconds(10);
        foreach (var path in new[] { $"/user/{name}-client", $"/user/{name}-proxy", $"/user/{name}" })
        {
            try
            {
                var actor = await system.ActorSelection(path).ResolveOne(timeout);
                await actor.GracefulStop(timeout);
            }
            catch (ActorNotFoundException)
            {
                // Already stopped.
            }
        }

        _registries.TryRemove(simulationId, out _);
    }
}

/// <summary>Creates the <see cref="EventureCluster"/> extension (named in <c>akka.extensions</c> by <c>hocon/cluster.conf</c>).</summary>
public sealed class EventureClusterProvider : ExtensionIdProvider<EventureCluster>
{
    /// <inheritdoc />
    public override EventureCluster CreateExtension(ExtendedActorSystem system) => new(system);
}
