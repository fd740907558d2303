using Akka.Configuration;

namespace Eventure.Actors.Persistence;

/// <summary>The typed view of <c>eventure.snapshot</c>, parsed once.</summary>
/// <param name="EveryTicks">Save a snapshot every this many ticks (0 = never).</param>
/// <param name="Keep">How many snapshots to keep; older ones are deleted after a successful save.</param>
public sealed record EventLogSettings(int EveryTicks, int Keep)
{
    /// <summary>Parses the <c>eventure.snapshot</c> section, with the embedded defaults as fallback.</summary>
    /// <exception cref="ConfigurationException">A value is negative, or keep is 0 while snapshots are on.</exception>
    public static EventLogSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = config.WithFallback(EventureSettings.DefaultConfig).GetConfig("eventure.snapshot");
        var settings = new EventLogSettings(c.GetInt("every-ticks"), c.GetInt("keep"));
        if (settings.EveryTicks < 0 || settings.Keep < 1)
        {
            throw new ConfigurationException($"Invalid eventure.snapshot settings: every-ticks={settings.EveryTicks} must be >= 0 and keep={settings.Keep} >= 1.");
        }

        return settings;
    }
}
