using Akka.Configuration;

namespace Eventure.Cluster;

/// <summary>The typed view of <c>eventure.cluster</c>, parsed once.</summary>
/// <param name="Partitions">How many sharded partitions host a simulation's entities (<c>eventure.cluster.partitions</c>).</param>
/// <param name="LeaseRetry">How often a new singleton asks again for the writer lease its lost predecessor held
/// (<c>eventure.cluster.lease-retry</c>).</param>
public sealed record EventureClusterSettings(int Partitions, TimeSpan LeaseRetry)
{
    /// <summary>Parses <c>eventure.cluster</c> of <paramref name="config"/>.</summary>
    /// <exception cref="ConfigurationException">A value is out of range.</exception>
    public static EventureClusterSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = config.GetConfig("eventure.cluster");
        var settings = new EventureClusterSettings(c.GetInt("partitions", 64), c.GetTimeSpan("lease-retry", TimeSpan.FromSeconds(2)));
        if (settings.Partitions < 1 || settings.LeaseRetry <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"Invalid eventure.cluster settings: partitions={settings.Partitions}, lease-retry={settings.LeaseRetry}; both must be positive.");
        }

        return settings;
    }
}
