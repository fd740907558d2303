namespace Eventure.Actors;

/// <summary>What <see cref="SimulationVerifier.VerifyAsync"/> found.</summary>
/// <param name="IsDeterministic">Whether every tick of the journal matched its re-simulation: events and checksums.</param>
/// <param name="TicksVerified">How many ticks matched (all of them when deterministic; those before the divergence otherwise).</param>
/// <param name="EventsVerified">How many events matched.</param>
/// <param name="FirstDivergence">The first difference, or <see langword="null"/> when deterministic.</param>
public sealed record VerificationResult(bool IsDeterministic, long TicksVerified, long EventsVerified, Divergence? FirstDivergence)
{
    /// <summary>
    /// For <see cref="SimulationVerifier.VerifyStoredAsync"/>: how many ticks (the oldest) were stored before rows
    /// carried a digest of their events, and could not be checked. 0 when every tick was checked.
    /// </summary>
    public long TicksUnchecked { get; init; }
}
