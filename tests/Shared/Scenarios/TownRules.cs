namespace Eventure.TestScenarios;

/// <summary>
/// The town's rules: pure functions. In the scenario assembly the CLI tests build, this is a separate assembly
/// beside it (a private dependency the scenario's load context must resolve).
/// </summary>
public static class TownRules
{
    /// <summary>How many loaves the baker bakes at <paramref name="tick"/> with a roll of 0..2.</summary>
    public static long Loaves(long tick, int roll) => 2 + (tick % 3) + roll;

    /// <summary>How many purchases a customer makes before it leaves by itself.</summary>
    public static long Appetite(string customerId) => customerId.EndsWith("-1", StringComparison.Ordinal) ? 3 : 1_000;
}
