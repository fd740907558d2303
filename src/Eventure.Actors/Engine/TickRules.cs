namespace Eventure.Actors.Engine;

/// <summary>The limits and clock of a tick, as the engine needs them (parsed from <c>eventure.*</c> by the shell).</summary>
/// <param name="MaxWaves">The most waves one tick may take (<c>eventure.cascade.max-waves</c>).</param>
/// <param name="MaxEventsPerTick">The most events one tick may log (<c>eventure.cascade.max-events-per-tick</c>).</param>
/// <param name="MaxFaultsPerTick">How many faults one entity may have in one tick before it is despawned
/// (<c>eventure.entity.max-faults-per-tick</c>; 0 = never).</param>
/// <param name="StartEpoch">Virtual time at tick 0.</param>
/// <param name="TickLength">Virtual time per tick.</param>
/// <param name="TickTimeout">How long an entity may take to answer (<c>eventure.tick.timeout</c>; named in errors).</param>
internal sealed record TickRules(int MaxWaves, int MaxEventsPerTick, int MaxFaultsPerTick, DateTimeOffset StartEpoch, TimeSpan TickLength, TimeSpan TickTimeout)
{
    /// <summary>The rules of <paramref name="settings"/>.</summary>
    public static TickRules From(EventureSettings settings) =>
        new(settings.MaxWaves, settings.MaxEventsPerTick, settings.MaxFaultsPerTick, settings.StartEpoch, settings.TickLength, settings.TickTimeout);

    /// <summary>The Unix timestamp (seconds) of <paramref name="tick"/> in virtual time.</summary>
    public double TimestampOf(long tick) =>
        (StartEpoch.UtcTicks - DateTime.UnixEpoch.Ticks + (TickLength.Ticks * tick)) / (double)TimeSpan.TicksPerSecond;
}
