using Eventure.Examples.Tests.Support;

namespace Eventure.Examples.Tests;

/// <summary>The examples' commands end to end on real SQLite journals: play, resume, replay, bad arguments.</summary>
public sealed class CommandLineSpec
{
    [Fact]
    public async Task Replay_should_rebuild_the_final_adventure_state_of_the_live_run_from_the_journal_alone()
    {
        using var temp = new TempFolder();
        var db = temp.File("adventure.db");

        var live = await AppRun.RunAsync(null, "adventure", "--db", db, "--out", temp.File("live.jsonl"));
        var replay = await AppRun.RunAsync(null, "replay", "adventure", "--db", db);

        Assert.Equal(0, live.ExitCode);
        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("===== EVENT CASCADE VIEWER =====", live.Output, StringComparison.Ordinal);
        Assert.Contains("Outcome: victory", replay.Output, StringComparison.Ordinal);
        Assert.Equal(live.Section("===== GAME SUMMARY ====="), replay.Section("===== GAME SUMMARY ====="));
        Assert.Equal(ExampleRun.Export(await ExampleRun.AdventureAsync()), File.ReadAllBytes(temp.File("live.jsonl")));
    }

    [Fact]
    public async Task Crypto_should_resume_from_its_journal_and_match_a_straight_run()
    {
        using var temp = new TempFolder();

        var straight = await AppRun.RunAsync(null, "crypto", "--db", temp.File("straight.db"), "--ticks", "60", "--out", temp.File("straight.jsonl"));
        var first = await AppRun.RunAsync(null, "crypto", "--db", temp.File("resumed.db"), "--ticks", "30");
        var second = await AppRun.RunAsync(null, "crypto", "--db", temp.File("resumed.db"), "--ticks", "30", "--out", temp.File("resumed.jsonl"));
        var replay = await AppRun.RunAsync(null, "replay", "crypto", "--db", temp.File("resumed.db"));

        Assert.Equal([0, 0, 0, 0], new[] { straight.ExitCode, first.ExitCode, second.ExitCode, replay.ExitCode });
        Assert.Contains("Resuming the crypto run at tick 31", second.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(temp.File("straight.jsonl")), File.ReadAllBytes(temp.File("resumed.jsonl")));
        Assert.Equal(straight.Section("===== TRADING SUMMARY ====="), replay.Section("===== TRADING SUMMARY ====="));
    }

    [Fact]
    public async Task An_adventure_stopped_by_its_tick_limit_should_continue_on_the_next_run_to_the_straight_games_end()
    {
        using var temp = new TempFolder();
        var db = temp.File("adventure.db");

        var straight = await AppRun.RunAsync(null, "adventure", "--db", temp.File("straight.db"));
        var first = await AppRun.RunAsync(null, "adventure", "--db", db, "--ticks", "7");
        var second = await AppRun.RunAsync(null, "adventure", "--db", db, "--out", temp.File("resumed.jsonl"));

        Assert.Equal([0, 0, 0], new[] { straight.ExitCode, first.ExitCode, second.ExitCode });
        Assert.Equal(straight.Printed, second.Printed); // cascade viewer, summary and queries of the whole game
        Assert.Contains("Outcome: unfinished", first.Output, StringComparison.Ordinal);
        Assert.Contains("run 'adventure' again on the same journal to continue from tick 7", first.Output, StringComparison.Ordinal);
        Assert.Contains("Resuming the adventure at tick 7", second.Output, StringComparison.Ordinal);
        Assert.Contains("Outcome: victory", second.Output, StringComparison.Ordinal);
        Assert.Equal(ExampleRun.Export(await ExampleRun.AdventureAsync()), File.ReadAllBytes(temp.File("resumed.jsonl")));
    }

    [Fact]
    public async Task Resuming_with_another_seed_should_be_refused_and_keep_the_journal()
    {
        using var temp = new TempFolder();
        var db = temp.File("crypto.db");
        await AppRun.RunAsync(null, "crypto", "--db", db, "--ticks", "10", "--seed", "7");
        var before = temp.Fingerprint();

        var run = await AppRun.RunAsync(null, "crypto", "--db", db, "--ticks", "10");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("written with seed 7; resume with --seed 7", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await AppRun.RunAsync(null, "crypto", "--db", db, "--ticks", "5", "--seed", "7")).ExitCode);
        Assert.NotEqual(before, temp.Fingerprint());
    }

    [Fact]
    public async Task Replay_until_a_tick_should_show_the_state_as_of_that_tick()
    {
        using var temp = new TempFolder();
        var db = temp.File("crypto.db");
        await AppRun.RunAsync(null, "crypto", "--db", db, "--ticks", "40");

        var replay = await AppRun.RunAsync(null, "replay", "crypto", "--db", db, "--until-tick", "25");

        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("Last tick: 25", replay.Output, StringComparison.Ordinal);
        Assert.Contains("Replayed 105 events up to tick 25", replay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_adventure_run_should_show_the_stored_game_and_fresh_should_play_again()
    {
        using var temp = new TempFolder();
        var db = temp.File("adventure.db");
        var first = await AppRun.RunAsync(null, "adventure", "--db", db);

        var again = await AppRun.RunAsync(null, "adventure", "--db", db);
        var fresh = await AppRun.RunAsync(null, "adventure", "--db", db, "--fresh");

        Assert.Contains("already holds a finished game", again.Output, StringComparison.Ordinal);
        Assert.Equal(first.Section("===== GAME SUMMARY ====="), again.Section("===== GAME SUMMARY ====="));
        Assert.DoesNotContain("already holds", fresh.Output, StringComparison.Ordinal);
        Assert.Equal(first.Section("Journal:"), fresh.Section("Journal:"));
    }

    [Fact]
    public async Task The_in_memory_overlay_should_run_without_a_database_file()
    {
        using var temp = new TempFolder();
        var cwd = Environment.CurrentDirectory;

        var run = await AppRun.RunAsync(null, "crypto", "--journal", Path.Combine(AppContext.BaseDirectory, "hocon", "inmem.conf"), "--ticks", "25");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("journal: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("inmem.conf", run.Output, StringComparison.Ordinal);
        Assert.Equal(cwd, Environment.CurrentDirectory);
    }

    [Fact]
    public async Task An_adventure_stopped_on_the_in_memory_overlay_should_not_promise_to_continue()
    {
        var run = await AppRun.RunAsync(null, "adventure", "--journal", Path.Combine(AppContext.BaseDirectory, "hocon", "inmem.conf"), "--ticks", "5");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Outcome: unfinished", run.Output, StringComparison.Ordinal);
        Assert.Contains("The game stopped before tick 5; the in-memory journal keeps nothing, so it cannot be continued.", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("run 'adventure' again", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sqlite_overlay_with_a_database_path_should_journal_to_that_file()
    {
        using var temp = new TempFolder();
        var db = temp.File("chosen.db");
        var overlay = Path.Combine(AppContext.BaseDirectory, "hocon", "sqlite.conf");

        var run = await AppRun.RunAsync(null, "crypto", "--journal", overlay, "--db", db, "--ticks", "5");
        var replay = await AppRun.RunAsync(null, "replay", "crypto", "--db", db);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("Last tick: 5", replay.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dance")]
    [InlineData("adventure", "--seed", "x")]
    [InlineData("adventure", "--seed")]
    [InlineData("adventure", "--ticks", "0")]
    [InlineData("adventure", "--realtime")]
    [InlineData("crypto", "--ticks", "-1")]
    [InlineData("replay")]
    [InlineData("replay", "chess")]
    [InlineData("replay", "crypto", "--fresh")]
    public async Task Bad_arguments_should_exit_with_2_and_a_one_line_message(params string[] args)
    {
        var run = await AppRun.RunAsync(null, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Help_should_list_every_command_and_option()
    {
        var run = await AppRun.RunAsync(null, "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var word in new[] { "adventure", "crypto", "replay", "--seed", "--ticks", "--realtime", "--db", "--journal", "--fresh", "--until-tick" })
        {
            Assert.Contains(word, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Replay_of_an_empty_journal_and_a_missing_overlay_should_fail_with_1()
    {
        using var temp = new TempFolder();

        var empty = await AppRun.RunAsync(null, "replay", "adventure", "--db", temp.File("none.db"));
        var missing = await AppRun.RunAsync(null, "crypto", "--journal", temp.File("nope.conf"));

        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("No 'adventure' simulation", empty.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("nope.conf", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Realtime_crypto_should_run_exactly_the_requested_ticks()
    {
        using var temp = new TempFolder();

        var run = await AppRun.RunAsync(null, "crypto", "--db", temp.File("rt.db"), "--ticks", "5", "--realtime", "--interval", "10");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Last tick: 5", run.Output, StringComparison.Ordinal);
    }
}
