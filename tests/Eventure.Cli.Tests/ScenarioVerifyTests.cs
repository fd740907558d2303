using Eventure.TestScenarios;

namespace Eventure.Cli.Tests;

/// <summary>
/// <c>eventure verify --scenario</c> with a scenario assembly built outside the CLI: the town (written only for the
/// tests) journaled on SQLite verifies, an edited row is named at its tick, and every failure is one line.
/// </summary>
public sealed class ScenarioVerifyTests(ScenarioAssembly scenario) : IClassFixture<ScenarioAssembly>
{
    [Fact]
    public async Task Verify_should_load_the_scenario_assembly_and_confirm_the_run()
    {
        using var temp = new TempFolder();
        await TownJournal.RecordAsync(temp.File("town.db"));
        var before = temp.Fingerprint();

        var run = await CliRun.RunAsync("verify", temp.File("town.db"), "--scenario", scenario.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"deterministic: 8 ticks, 38 events verified (events and checksums of {temp.File("town.db")} (SQLite, simulation 'town') match a re-simulation of 'town')\n", run.Output);
        Assert.Empty(run.Error);
        Assert.Equal(before, temp.Fingerprint());
    }

    [Fact]
    public async Task Verify_should_name_the_tick_event_and_both_versions_of_an_edited_row()
    {
        using var temp = new TempFolder();
        await TownJournal.RecordAsync(temp.File("town.db"));
        var edited = JournalRows.EditEvent(temp.File("town.db"), "town", tick: 4, "bread.baked", "loaves", "99");

        var run = await CliRun.RunAsync("verify", temp.File("town.db"), "--sim", "town", "--scenario", scenario.Path);
        var lines = run.Output.Split('\n');

        Assert.Equal(1, run.ExitCode);
        Assert.Matches($"^not deterministic: first diverging tick 4, event {edited} \\(event [0-9]+ of the tick differs\\)$", lines[0]);
        Assert.StartsWith("  journal:       {\"tick\": 4,", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"loaves\": 99", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("  re-simulation: {\"tick\": 4,", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("\"loaves\": 99", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_should_fail_in_one_line_on_a_missing_or_foreign_assembly_or_an_unknown_id()
    {
        using var temp = new TempFolder();
        await TownJournal.RecordAsync(temp.File("town.db"));
        File.WriteAllText(temp.File("notes.dll"), "not an assembly");
        var examples = Path.Combine(AppContext.BaseDirectory, "Eventure.Examples.dll");

        AssertOneLine(await CliRun.RunAsync("verify", temp.File("town.db"), "--scenario", temp.File("missing.dll")), $"eventure: No such file: {temp.File("missing.dll")}");
        AssertOneLine(await CliRun.RunAsync("verify", temp.File("town.db"), "--scenario", temp.File("notes.dll")), $"eventure: Cannot load {temp.File("notes.dll")}: it is not a .NET assembly.");
        AssertOneLine(await CliRun.RunAsync("verify", temp.File("town.db"), "--scenario", examples), $"eventure: No scenario 'town' in {examples} (it has: adventure, crypto).");
        AssertOneLine(await CliRun.RunAsync("verify", temp.File("town.db"), "--scenario", Path.Combine(scenario.Folder, "Town.Rules.dll")), $"eventure: {Path.Combine(scenario.Folder, "Town.Rules.dll")} holds no scenario: no public class implementing ISimulationScenario with a public parameterless constructor.");
    }

    private static void AssertOneLine(CliRun run, string error)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal(error + "\n", run.Error);
    }
}
