using System.Globalization;
using Akka.Configuration;

namespace Eventure.Actors;

/// <summary>The typed view of the <c>eventure</c> configuration section, parsed once.</summary>
/// <param name="TickTimeout">How long a tick waits for an entity (<c>eventure.tick.timeout</c>).</param>
/// <param name="MaxWaves">The most waves per tick (<c>eventure.cascade.max-waves</c>).</param>
/// <param name="MaxEventsPerTick">The most events per tick (<c>eventure.cascade.max-events-per-tick</c>).</param>
/// <param name="StartEpoch">Virtual time at tick 0 (<c>eventure.clock.start-epoch</c>).</param>
/// <param name="TickLength">Virtual time per tick (<c>eventure.clock.tick-length</c>).</param>
/// <param name="Partitions">How many partitions host the entities (<c>eventure.tick.groups</c>); 0 = four per processor.</param>
/// <param name="MaxFaultsPerTick">After this many faults in one tick an entity is despawned
/// (<c>eventure.entity.max-faults-per-tick</c>; 0 = never).</param>
/// <param name="MaxUnstoredTicks">How many completed ticks may wait for the journal while the next ones run
/// (<c>eventure.tick.max-unstored-ticks</c>; 0 = each tick is stored before the next begins).</param>
public sealed record EventureSettings(
    TimeSpan TickTimeout,
    int MaxWaves,
    int MaxEventsPerTick,
    DateTimeOffset StartEpoch,
    TimeSpan TickLength,
    int Partitions = 0,
    int MaxFaultsPerTick = 100,
    int MaxUnstoredTicks = 32)
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
            c.GetTimeSpan("clock.tick-length"),
            c.GetInt("tick.groups"),
            c.GetInt("entity.max-faults-per-tick"),
            c.GetInt("tick.max-unstored-ticks"));
        if (settings.TickTimeout <= TimeSpan.Zero || settings.MaxWaves < 1 || settings.MaxEventsPerTick < 1 || settings.TickLength <= TimeSpan.Zero)
        {
            throw new ConfigurationException(
                $"Invalid eventure settings: tick.timeout={settings.TickTimeout}, cascade.max-waves={settings.MaxWaves}, " +
                $"cascade.max-events-per-tick={settings.MaxEventsPerTick}, clock.tick-length={settings.TickLength}; all must be positive.");
        }

        // Ignored since partitions are fixed, but still checked, so a configuration that was invalid stays invalid.
        if (c.GetInt("tick.min-group-size") < 1)
        {
            throw new ConfigurationException($"Invalid eventure settings: tick.min-group-size={c.GetInt("tick.min-group-size")}; it must be positive.");
        }

        if (settings.Partitions < 0)
        {
            throw new ConfigurationException($"Invalid eventure settings: tick.groups={settings.Partitions}; use 0 (automatic) or a positive count.");
        }

        if (settings.MaxFaultsPerTick < 0)
        {
            throw new ConfigurationException($"Invalid eventure settings: entity.max-faults-per-tick={settings.MaxFaultsPerTick}; use 0 (never) or a positive count.");
        }

        if (settings.MaxUnstoredTicks < 0)
        {
            throw new ConfigurationException($"Invalid eventure settings: tick.max-unstored-ticks={settings.MaxUnstoredTicks}; use 0 (store each tick first) or a positive count.");
        }

        return settings;
    }

    /// <summary>
    /// How many partitions host a simulation's entities: <see cref="Partitions"/>, or four per processor when it is 0.
    /// An entity's partition is a stable hash of its id, so the count never changes what a run journals.
    /// </summary>
    public int PartitionCount => Partitions > 0 ? Partitions : 4 * Environment.ProcessorCount;

    /// <summary>The partition count under its name from before partitions (<see cref="Partitions"/>).</summary>
    [Obsolete("Use Partitions: entities are hosted by a fixed number of partitions, not tick groups.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public int TickGroups
    {
        get => Partitions;
        init => Partitions = value;
    }

    /// <summary>No longer used: partitions are fixed for a simulation's life (<c>eventure.tick.min-group-size</c> is ignored).</summary>
    [Obsolete("Ignored: partitions are fixed for a simulation's life; set Partitions instead.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public int TickGroupMinSize { get; init; } = 500;

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
