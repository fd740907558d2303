using System.Globalization;
using Eventure.Actors;
using Eventure.Cli.Scenarios;
using Eventure.Cli.Sources;

namespace Eventure.Cli.Commands;

/// <summary>
/// <c>eventure verify SOURCE --scenario PATH.dll</c> (or <c>--example adventure|crypto</c>): loads the simulation's
/// <see cref="ISimulationScenario"/> from the user's assembly and runs <see cref="SimulationVerifier"/> on the journal
/// (in memory, nothing written), printing either the verified counts or the first divergence.
/// </summary>
internal static class VerifyCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(CliConsole console, JournalSource source, string scenarioPath, CancellationToken cancellationToken)
    {
        if (source is not ActorJournalSource journal)
        {
            throw new CliException($"{source.Display} cannot be verified: a JSON-lines log records neither which entity published each event nor which events were input, so it cannot be re-simulated; verify the journal it came from.");
        }

        var id = journal.SimulationId!;
        var scenario = ScenarioLoader.Load(scenarioPath, id);
        var result = await console.WithCounterAsync("Verifying", "ticks", progress => journal.VerifyAsync(scenario, progress, cancellationToken));
        if (result.FirstDivergence is { } divergence)
        {
            console.Out.WriteLine($"not deterministic: {Describe(divergence)}");
            return 1;
        }

        console.Out.WriteLine($"deterministic: {result.TicksVerified.ToString(Invariant)} ticks, {result.EventsVerified.ToString(Invariant)} events verified (events and checksums of {source.Display} match a re-simulation of '{id}')");
        return 0;
    }

    /// <summary><c>eventure verify SOURCE --stored</c>: recomputes every stored tick's digest from its rows.</summary>
    public static async Task<int> RunStoredAsync(CliConsole console, JournalSource source, CancellationToken cancellationToken)
    {
        if (source is not ActorJournalSource journal)
        {
            throw new CliException($"{source.Display} cannot be checked with --stored: a JSON-lines log stores no digests; check the journal it came from.");
        }

        var result = await console.WithCounterAsync("Checking", "ticks", progress => journal.VerifyStoredAsync(progress, cancellationToken));
        var partly = result.TicksUnchecked == 0
            ? string.Empty
            : $"; the first {result.TicksUnchecked.ToString(Invariant)} ticks were stored before rows carried digests and could not be checked: checked from tick {result.TicksUnchecked.ToString(Invariant)}";
        if (result.FirstDivergence is { } changed)
        {
            console.Out.WriteLine($"rows changed: first changed tick {changed.Tick.ToString(Invariant)} ({changed.Reason}){partly}");
            return 1;
        }

        console.Out.WriteLine($"intact: {result.TicksVerified.ToString(Invariant)} ticks, {result.EventsVerified.ToString(Invariant)} events (the rows of {source.Display} match the digests stored with them){partly}");
        return 0;
    }

    /// <summary>The tick, the event and both versions; or the tick and both checksums.</summary>
    internal static string Describe(Divergence divergence)
    {
        var tick = divergence.Tick.ToString(Invariant);
        return divergence.EventId is null
            ? $"first diverging tick {tick} ({divergence.Reason})"
            : $"first diverging tick {tick}, event {divergence.EventId} ({divergence.Reason})\n"
                + $"  journal:       {divergence.Journal ?? "(no event)"}\n"
                + $"  re-simulation: {divergence.Resimulated ?? "(no event)"}";
    }
}
