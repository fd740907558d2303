using Akka.Configuration;

namespace Eventure.Actors.Persistence;

/// <summary>The typed view of <c>eventure.snapshot</c>, parsed once.</summary>
/// <param name="EveryTicks">Consider a snapshot every this many ticks (0 = never).</param>
/// <param name="Keep">How many snapshots to keep; older ones are deleted after a successful save.</param>
/// <param name="Growth">
/// Take the snapshot only once the log holds at least this many times the events of the last snapshot (a
/// snapshot holds the whole log, so growth 2 keeps the total snapshot cost linear in the log; 1 = every
/// <paramref name="EveryTicks"/> ticks regardless of size).
/// </param>
public sealed record EventLogSettings(int EveryTicks, int Keep, double Growth = 2.0)
{
    /// <summary>Parses the <c>eventure.snapshot</c> section, with the embedded defaults as fallback.</summary>
    /// <exception cref="ConfigurationException">A value is negative, or keep is 0 while snapshots are on.</exception>
    public static EventLogSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = config.WithFallback(EventureSettings.DefaultConfig).GetConfig("eventure.snapshot");
        var settings = new EventLogSettings(c.GetInt("every-ticks"), c.GetInt("keep"), c.GetDouble("growth", 2.0));
        if (settings.EveryTicks < 0 || settings.Keep < 1 || !(settings.Growth >= 1.0))
        {
            throw new ConfigurationException(
                $"Invalid eventure.snapshot settings: every-ticks={settings.EveryTicks} must be >= 0, keep={settings.Keep} >= 1 and growth={settings.Growth} >= 1.");
        }

        return settings;
    }
}
