using Eventure.Examples;

namespace Eventure.Cli.Tests;

/// <summary>The CLI on journals written by the examples: inspect, verify (and its failure), report, read-only.</summary>
public sealed class ExampleJournalTests
{
    [Fact]
    public async Task Verify_should_confirm_both_examples_are_deterministic()
    {
        using var temp = new TempFolder();
        await ExamplesApp.RunAsync(["adventure", "--db", temp.File("adventure.db")], TextWriter.Null, TextWriter.Null);
        await ExamplesApp.RunAsync(["crypto", "--db", temp.File("crypto.db"), "--ticks", "40"], TextWriter.Null, TextWriter.Null);

        var adventure = await CliRun.RunAsync("verify", temp.File("adventure.db"), "--example", "adventure");
        var crypto = await CliRun.RunAsync("verify", temp.File("crypto.db"), "--sim", "crypto", "--example", "crypto");

        Assert.Equal(0, adventure.ExitCode);
        Assert.Matches(@"^deterministic: \d+ ticks, \d+ events verified", adventure.Output);
        Assert.Equal(0, crypto.ExitCode);
        Assert.Matches(@"^deterministic: 41 ticks, \d{3} events verified", crypto.Output);
    }

    [Fact]
    public async Task Verify_should_confirm_an_adventure_stopped_mid_game_and_continued_with_and_without_a_scenario()
    {
        using var temp = new TempFolder();
        var db = temp.File("adventure.db");
        await ExamplesApp.RunAsync(["adventure", "--db", db, "--ticks", "6"], TextWriter.Null, TextWriter.Null);
        await ExamplesApp.RunAsync(["adventure", "--db", db], TextWriter.Null, TextWriter.Null);

        var run = await CliRun.RunAsync("verify", db, "--example", "adventure");
        var stored = await CliRun.RunAsync("verify", db, "--stored");

        Assert.Equal((0, 0), (run.ExitCode, stored.ExitCode));
        Assert.StartsWith("deterministic: 17 ticks, 75 events verified", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("intact: 17 ticks, 75 events", stored.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_should_name_the_tick_of_a_row_edited_early_in_a_long_journal_with_and_without_a_scenario()
    {
        // 300 ticks: runtime snapshots after ticks 99, 199 and 299; the edited row comes long before the newest one.
        using var temp = new TempFolder();
        await ExamplesApp.RunAsync(["crypto", "--db", temp.File("crypto.db"), "--ticks", "300"], TextWriter.Null, TextWriter.Null);
        var intact = await CliRun.RunAsync("verify", temp.File("crypto.db"), "--stored");
        var id = JournalRows.EditEvent(temp.File("crypto.db"), "crypto", tick: 12, "market.volume_update", "volume", "1.5");

        var run = await CliRun.RunAsync("verify", temp.File("crypto.db"), "--scenario", Path.Combine(AppContext.BaseDirectory, "Eventure.Examples.dll"));
        var stored = await CliRun.RunAsync("verify", temp.File("crypto.db"), "--stored");

        Assert.Equal(0, intact.ExitCode);
        Assert.Matches(@"^intact: 301 ticks, \d+ events", intact.Output);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"not deterministic: first diverging tick 12, event {id} (event ", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"volume\": 1.5", run.Output, StringComparison.Ordinal);
        Assert.Equal(1, stored.ExitCode);
        Assert.StartsWith("rows changed: first changed tick 12 (its rows changed after they were stored: the digest of its events is ", stored.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_should_refuse_a_json_lines_log_in_one_line()
    {
        using var temp = new TempFolder();
        await ExamplesApp.RunAsync(["crypto", "--db", temp.File("crypto.db"), "--ticks", "5"], TextWriter.Null, TextWriter.Null);
        await CliRun.RunAsync("export", temp.File("crypto.db"), "-o", temp.File("crypto.jsonl"));

        var run = await CliRun.RunAsync("verify", temp.File("crypto.jsonl"), "--example", "crypto");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"eventure: {temp.File("crypto.jsonl")} (JSON lines) cannot be verified: a JSON-lines log records neither which entity published each event nor which events were input, so it cannot be re-simulated; verify the journal it came from.\n", run.Error);
    }

    [Fact]
    public async Task Reading_commands_should_not_write_to_the_journal()
    {
        using var temp = new TempFolder();
        await ExamplesApp.RunAsync(["adventure", "--db", temp.File("adventure.db")], TextWriter.Null, TextWriter.Null);
        var before = temp.Fingerprint();

        var runs = new[]
        {
            await CliRun.RunAsync("inspect", temp.File("adventure.db")),
            await CliRun.RunAsync("tree", temp.File("adventure.db"), "--format", "rich"),
            await CliRun.RunAsync("replay", temp.File("adventure.db"), "--until-tick", "3"),
            await CliRun.RunAsync("verify", temp.File("adventure.db"), "--example", "adventure"),
        };

        Assert.All(runs, r => Assert.Equal(0, r.ExitCode));
        Assert.Equal(before, temp.Fingerprint());
    }

    [Fact]
    public async Task Report_should_write_one_self_contained_html_file_with_its_charts()
    {
        using var temp = new TempFolder();
        await ExamplesApp.RunAsync(["crypto", "--db", temp.File("crypto.db"), "--ticks", "60"], TextWriter.Null, TextWriter.Null);

        var run = await CliRun.RunAsync("report", temp.File("crypto.db"), "-o", temp.File("report.html"));
        var html = File.ReadAllText(temp.File("report.html"));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"events-per-tick\"", html, StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.Count(html, "<rect class=\"bar\"") >= 60);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, "<svg class=\"cascade-graph\""));
        Assert.Contains("<table id=\"event-types\">", html, StringComparison.Ordinal);
        Assert.Contains("market.price_update", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }
}
