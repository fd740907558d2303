namespace Eventure.Cli.Tests;

/// <summary>The CLI on logs written by the original Python library: exact viewer output and exact round trips.</summary>
public sealed class SeedFixtureTests
{
    public static TheoryData<string, string, bool> Fixtures => new()
    {
        { "reference.jsonl", "reference-cascade.txt", true },
        { "seed-adventure.jsonl", "seed-adventure.cascade.txt", true },
        { "seed-crypto-bot.jsonl", "seed-crypto-bot.cascade.txt", false },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Tree_plain_should_print_the_original_viewer_byte_for_byte(string log, string printed, bool showData)
    {
        var run = await CliRun.RunAsync(Args("tree", CliRun.Fixture(log), "--format", "plain", showData));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(File.ReadAllText(CliRun.Fixture(printed)), run.Output);
        Assert.Empty(run.Error);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Import_then_export_should_give_back_the_original_file_and_viewer(string log, string printed, bool showData)
    {
        using var temp = new TempFolder();
        var db = temp.File("journal.db");

        var import = await CliRun.RunAsync("import", CliRun.Fixture(log), "--db", db, "--sim", "seed");
        var export = await CliRun.RunAsync("export", db, "--sim", "seed", "-o", temp.File("out.jsonl"));
        var tree = await CliRun.RunAsync(Args("tree", db, "--format", "plain", showData));

        Assert.Equal((0, 0, 0), (import.ExitCode, export.ExitCode, tree.ExitCode));
        Assert.Equal(File.ReadAllBytes(CliRun.Fixture(log)), File.ReadAllBytes(temp.File("out.jsonl")));
        Assert.Equal(File.ReadAllText(CliRun.Fixture(printed)), tree.Output);
    }

    [Fact]
    public async Task An_empty_log_should_round_trip_through_a_journal()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("empty.jsonl"), string.Empty);

        var import = await CliRun.RunAsync("import", temp.File("empty.jsonl"), "--db", temp.File("j.db"), "--sim", "empty");
        var export = await CliRun.RunAsync("export", temp.File("j.db"), "-o", temp.File("out.jsonl"));

        Assert.Equal((0, 0), (import.ExitCode, export.ExitCode));
        Assert.Equal(string.Empty, File.ReadAllText(temp.File("out.jsonl")));
    }

    [Fact]
    public async Task Tree_should_print_one_tick_or_one_cascade()
    {
        var log = CliRun.Fixture("seed-adventure.jsonl");

        var tick = await CliRun.RunAsync("tree", log, "--tick", "4", "--no-data");
        var single = await CliRun.RunAsync("tree", log, "--event", "4-ADCF-1", "--no-data");

        Assert.StartsWith("\n┌─── TICK 4 ───┐\n", tick.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("TICK 3", tick.Output, StringComparison.Ordinal);
        Assert.Contains("enemy.encounter", single.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("room.enter", single.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tree_rich_should_draw_a_tree_without_colour_when_redirected()
    {
        var run = await CliRun.RunAsync("tree", CliRun.Fixture("reference.jsonl"), "--format", "rich");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Tick 0", run.Output, StringComparison.Ordinal);
        Assert.Contains("└──", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_should_count_ticks_events_types_and_cascades()
    {
        var run = await CliRun.RunAsync("inspect", CliRun.Fixture("seed-adventure.jsonl"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Events:          31", run.Output, StringComparison.Ordinal);
        Assert.Contains("Ticks:           0-8", run.Output, StringComparison.Ordinal);
        Assert.Contains("Roots:           17", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"\n  combat\.round\s+3\n", run.Output);
        Assert.Contains("Size:            6,230 bytes", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_should_show_the_log_as_of_a_tick()
    {
        var run = await CliRun.RunAsync("replay", CliRun.Fixture("seed-adventure.jsonl"), "--until-tick", "1", "--no-data");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("As of tick 1", run.Output, StringComparison.Ordinal);
        Assert.Contains("TICK 1", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("TICK 2", run.Output, StringComparison.Ordinal);
    }

    private static string[] Args(string command, string source, string formatFlag, string format, bool showData) =>
        showData ? [command, source, formatFlag, format] : [command, source, formatFlag, format, "--no-data"];
}
