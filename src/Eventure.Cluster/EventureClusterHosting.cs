using Akka.Hosting;

namespace Eventure.Cluster;

/// <summary>Akka.Hosting integration: <c>builder.WithEventure(...).WithEventureCluster(4053, seeds)</c>.</summary>
public static class EventureClusterHosting
{
    /// <summary>
    /// Makes the actor system a node of an Eventure cluster: the <c>hocon/cluster.conf</c> overlay (cluster provider,
    /// keep-majority split-brain resolver, sharding in ddata mode with remember-entities and passivation off) for
    /// <paramref name="hostname"/>:<paramref name="port"/> joining <paramref name="seedNodes"/>, prepended over the
    /// journal's configuration, and the <see cref="EventureCluster"/> extension loaded when the system starts. Then
    /// <c>Simulation.StartAsync</c> runs the simulation as a singleton with sharded partitions; nothing else changes.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddAkka("eventure", builder => builder
    ///     .WithEventure(EventureJournal.Postgres(connectionString))
    ///     .WithEventureCluster(4053, ["akka.tcp://eventure@10.0.0.1:4053"], hostname: "10.0.0.2"));
    /// </code>
    /// </example>
    public static AkkaConfigurationBuilder WithEventureCluster(this AkkaConfigurationBuilder builder, int port, IEnumerable<string> seedNodes, string hostname = "127.0.0.1")
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHocon(EventureClusterConfig.Node(port, seedNodes, hostname), HoconAddMode.Prepend);
        builder.WithExtensions(typeof(EventureClusterProvider));
        return builder;
    }
}
