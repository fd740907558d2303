namespace Eventure.Examples;

/// <summary>
/// Simulation time for the examples: a fixed start epoch plus the current tick times the tick length, so
/// two runs with the same seed write byte-identical logs.
/// </summary>
internal sealed class VirtualClock(DateTimeOffset start, TimeSpan tickLength, Func<long> currentTick) : TimeProvider
{
    public static DateTimeOffset DefaultStart { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => start + (tickLength * currentTick());
}
