using Akka.Configuration;

namespace Eventure.Cluster;

/// <summary>The cluster overlay (<c>hocon/cluster.conf</c>, embedded) for one node: put it over a journal's configuration.</summary>
public static class EventureClusterConfig
{
    private static readonly Lazy<Config> Overlay = new(() => Embedded("Eventure.Cluster.hocon.cluster.conf"));

    /// <summary>The overlay as shipped: port 0, no seed nodes, keep-majority split-brain resolver.</summary>
    public static Config Default => Overlay.Value;

    /// <summary>
    /// The overlay for a node on <paramref name="hostname"/>:<paramref name="port"/> (0 = any free port) that joins
    /// <paramref name="seedNodes"/> (addresses such as <c>akka.tcp://eventure@127.0.0.1:4053</c>; the first node lists
    /// itself).
    /// </summary>
    public static Config Node(int port, IEnumerable<string> seedNodes, string hostname = "127.0.0.1")
    {
        ArgumentNullException.ThrowIfNull(seedNodes);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        var seeds = string.Join(", ", seedNodes.Select(s => $"\"{s}\""));
        return ConfigurationFactory.ParseString($$"""
            akka.remote.dot-netty.tcp.hostname = "{{hostname}}"
            akka.remote.dot-netty.tcp.port = {{port}}
            akka.cluster.seed-nodes = [{{seeds}}]
            """).WithFallback(Default);
    }

    internal static Config Embedded(string resource)
    {
        using var stream = typeof(EventureClusterConfig).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded {resource} is missing from Eventure.Cluster.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
