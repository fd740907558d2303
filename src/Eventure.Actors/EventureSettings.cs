using System.Globalization;
using Akka.Configuration;

namespace Eventure.Actors;

/// <summary>The typed view of the <c>eventure</c> configuration section, parsed once.</summary>
/// <param name="TickTimeout">How long a tick waits for an entity (<c>eventure.tick.timeout</c>).</param>
/// <param name="MaxWaves">The most waves per tick (<c>eventure.cascade.max-waves</c>).</param>
/// <param name="MaxEventsPerTick">The most events per tick (<c>eventure.cascade.max-events-per-tick</c>).</param>
/// <param name="StartEpoch">Virtual time at tick 0 (<c>eventure.clock.start-epoch</c>).</param>
/// <param name="TickLength">Virtual time per tick (<c>eventure.clock.tick-length</c>).</param>
public sealed record EventureSettings(TimeSpan TickTimeout, int MaxWaves, int MaxEventsPerTick, DateTimeOffset StartEpoch, TimeSpan TickLength)
{
    private static readonly Lazy<Config> Reference = new(LoadReference);

    /// <summary>The embedded defaults (<c>reference.conf</c>).</summary>
    public static Config DefaultConfig => Reference.Value;

    /// <summary>The defaults, as settings.</summary>
    public static EventureSettings Default { get; } = Create(ConfigurationFactory.Empty);

    /// <summary>Parses the <c>eventure</c> section of <paramref name="config"/>, with the embedded defaults as fallback.</summary>
    /// <exception cref="ConfigurationException">A value is missing or out of range.</exception>
    public static EventureSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = config.WithFallback(DefaultConfig).GetConfig("eventure");
        var settings = new EventureSettings(
            c.GetTimeSpan("tick.timeout"),
            c.GetInt("cascade.max-waves"),
            c.GetInt("cascade.max-events-per-tick"),
            DateTimeOffset.Parse(c.GetString("clock.start-epoch"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            c.GetTimeSpan("clock.tick-length"));
        if (settings.TickTimeout <= TimeSpan.Zero || settings.MaxWaves < 1 || settings.MaxEventsPerTick < 1 || settings.TickLength <= TimeSpan.Zero)
        {
            throw new ConfigurationException(
                $"Invalid eventure settings: tick.timeout={settings.TickTimeout}, cascade.max-waves={settings.MaxWaves}, " +
                $"cascade.max-events-per-tick={settings.MaxEventsPerTick}, clock.tick-length={settings.TickLength}; all must be positive.");
        }

        return settings;
    }

    /// <summary>The Unix timestamp (seconds) of <paramref name="tick"/> in virtual time.</summary>
    public double TimestampOf(long tick) =>
        (StartEpoch.UtcTicks - DateTime.UnixEpoch.Ticks + (TickLength.Ticks * tick)) / (double)TimeSpan.TicksPerSecond;

    private static Config LoadReference()
    {
        using var stream = typeof(EventureSettings).Assembly.GetManifestResourceStream("Eventure.Actors.reference.conf")
            ?? throw new InvalidOperationException("The embedded reference.conf is missing from Eventure.Actors.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
