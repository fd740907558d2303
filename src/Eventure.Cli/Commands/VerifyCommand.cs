using System.Globalization;
using Akka.Actor;
using Eventure.Actors;
using Eventure.Cli.Sources;
using Eventure.Examples.Adventure;
using Eventure.Examples.Crypto;

namespace Eventure.Cli.Commands;

/// <summary>
/// <c>eventure verify SOURCE --example adventure|crypto</c>: re-simulates the example from the journaled seed
/// (in memory, nothing written), then compares every tick's events and checksum with the journal and names the
/// first divergence.
/// </summary>
internal static class VerifyCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(CliConsole console, JournalSource source, string example, int? seedOverride)
    {
        var (journal, ticks, simulated, simulatedTicks) = await console.WithProgressAsync("Verifying", async progress =>
        {
            var log = await source.LoadAsync(null, new ScaledProgress(progress, 0, 0.3));
            CommandSupport.RequireEvents(log, source);
            var stored = await source.LoadTicksAsync();
            progress.Report(0.4);
            var seed = seedOverride ?? SeedOf(log, source);
            var (again, againTicks) = await SimulateAsync(example, seed, log.CurrentTick);
            return (log, stored, again, againTicks);
        });

        var firstDifference = Compare(journal, simulated, ticks, simulatedTicks);
        if (firstDifference is not null)
        {
            console.Out.WriteLine($"not deterministic: {firstDifference}");
            return 1;
        }

        var checkedTicks = journal.Events.Select(e => e.Tick).Append(journal.CurrentTick).Distinct().Count();
        var sums = ticks is null ? string.Empty : " and checksums";
        console.Out.WriteLine($"deterministic: {checkedTicks.ToString(Invariant)} ticks, {journal.Events.Count.ToString(Invariant)} events verified (events{sums} of {source.Display} match a re-simulation of '{example}')");
        return 0;
    }

    /// <summary>The seed journaled in the first <c>entity.spawned</c> event.</summary>
    private static int SeedOf(EventLog log, JournalSource source) =>
        Simulation.SeedOf(log) ?? throw new CliException($"{source.Display} records no seed (no entity.spawned event with a seed); pass --seed N.");

    private static async Task<(EventLog Log, IReadOnlyList<AppendTick> Ticks)> SimulateAsync(string example, int seed, long lastTick)
    {
        var system = QuietActorSystem.Create("eventure-verify", EventureConfig.Default);
        try
        {
            var adventure = example == AdventureSimulation.Id;
            var registry = adventure ? AdventureSimulation.Registry() : CryptoSimulation.Registry();
            var simulation = await Simulation.StartAsync(system, new SimulationOptions { Id = example, Seed = seed, Entities = registry });
            if (adventure)
            {
                await AdventureSimulation.SpawnAsync(simulation);
            }
            else
            {
                await CryptoSimulation.SpawnAsync(simulation);
            }

            await simulation.RunUntilTickAsync(lastTick);
            var stored = await simulation.Coordinator.Ask<StoredTicks>(new GetStoredTicks(0), TimeSpan.FromMinutes(1));
            return (await simulation.GetLogAsync(), stored.Ticks);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>The first difference, described, or null when journal and re-simulation agree.</summary>
    private static string? Compare(EventLog journal, EventLog simulated, IReadOnlyList<AppendTick>? journalTicks, IReadOnlyList<AppendTick> simulatedTicks)
    {
        var count = Math.Max(journal.Events.Count, simulated.Events.Count);
        for (var i = 0; i < count; i++)
        {
            var expected = i < journal.Events.Count ? journal.Events[i] : null;
            var actual = i < simulated.Events.Count ? simulated.Events[i] : null;
            if (expected is not null && actual is not null && expected.Equals(actual))
            {
                continue;
            }

            var tick = Math.Min(expected?.Tick ?? long.MaxValue, actual?.Tick ?? long.MaxValue);
            var checksum = journalTicks is null ? null : ChecksumDifference(journalTicks, simulatedTicks, tick);
            return $"first diverging tick {tick.ToString(Invariant)}, event {(expected ?? actual)!.Id} (event {(i + 1).ToString(Invariant)} of the log){checksum}\n"
                + $"  journal:       {expected?.ToJson() ?? "(no event)"}\n"
                + $"  re-simulation: {actual?.ToJson() ?? "(no event)"}";
        }

        if (journalTicks is not null)
        {
            var simulatedSums = simulatedTicks.ToDictionary(t => t.Tick, t => t.Checksum);
            foreach (var tick in journalTicks)
            {
                if (tick.Checksum != 0 && simulatedSums.TryGetValue(tick.Tick, out var sum) && sum != tick.Checksum)
                {
                    return $"first diverging tick {tick.Tick.ToString(Invariant)}: same events, but the state checksum is {sum.ToString(Invariant)} instead of the journaled {tick.Checksum.ToString(Invariant)}";
                }
            }
        }

        return null;
    }

    private static string ChecksumDifference(IReadOnlyList<AppendTick> journal, IReadOnlyList<AppendTick> simulated, long tick)
    {
        var expected = journal.FirstOrDefault(t => t.Tick == tick)?.Checksum;
        var actual = simulated.FirstOrDefault(t => t.Tick == tick)?.Checksum;
        return expected is { } e && actual is { } a && e != a ? $"; tick checksum {a.ToString(Invariant)} instead of {e.ToString(Invariant)}" : string.Empty;
    }
}
