using Eventure.Persistence.Sql;

namespace Eventure.Cli.Tests;

/// <summary>Every error path: one line on standard error, a non-zero exit code, no stack trace without --verbose.</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task A_missing_file_should_fail_with_one_line()
    {
        var run = await CliRun.RunAsync("inspect", "/nonexistent/game.db");

        AssertOneLineFailure(run, 1, "No such file: /nonexistent/game.db");
    }

    [Fact]
    public async Task An_unknown_simulation_id_should_name_the_ones_in_the_journal()
    {
        using var temp = new TempFolder();
        await CliRun.RunAsync("import", CliRun.Fixture("reference.jsonl"), "--db", temp.File("j.db"), "--sim", "ref");

        var run = await CliRun.RunAsync("tree", temp.File("j.db"), "--sim", "nope");

        AssertOneLineFailure(run, 1, "No simulation 'nope' in");
        Assert.Contains("(it holds: ref)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_jsonl_line_should_name_the_file_and_line()
    {
        using var temp = new TempFolder();
        var lines = File.ReadAllLines(CliRun.Fixture("reference.jsonl"));
        lines[2] = "{\"tick\": 0, \"type\": ";
        File.WriteAllLines(temp.File("broken.jsonl"), lines);

        foreach (var args in new[] { new[] { "inspect", temp.File("broken.jsonl") }, ["import", temp.File("broken.jsonl"), "--db", temp.File("x.db"), "--sim", "x"] })
        {
            var run = await CliRun.RunAsync(args);

            AssertOneLineFailure(run, 1, "broken.jsonl");
            Assert.Contains("line 3", run.Error, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(temp.File("x.db")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_journal_should_fail_clearly()
    {
        using var temp = new TempFolder();
        var garbage = temp.File("garbage.db");
        File.WriteAllBytes(garbage, [.. "SQLite format 3\0"u8.ToArray(), .. new byte[4000]]);

        var run = await CliRun.RunAsync("inspect", garbage);

        AssertOneLineFailure(run, 1, "garbage.db");
    }

    [Fact]
    public async Task A_database_path_that_cannot_be_written_should_fail_without_a_trace()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("folder.db"));

        var run = await CliRun.RunAsync("import", CliRun.Fixture("reference.jsonl"), "--db", temp.File("folder.db"), "--sim", "x");

        AssertOneLineFailure(run, 1, "folder.db");
    }

    [Fact]
    public async Task Importing_over_an_existing_simulation_should_refuse_and_keep_it()
    {
        using var temp = new TempFolder();
        var db = temp.File("j.db");
        await CliRun.RunAsync("import", CliRun.Fixture("reference.jsonl"), "--db", db, "--sim", "ref");

        var again = await CliRun.RunAsync("import", CliRun.Fixture("seed-adventure.jsonl"), "--db", db, "--sim", "ref");
        var export = await CliRun.RunAsync("export", db, "-o", temp.File("out.jsonl"));

        AssertOneLineFailure(again, 1, "already holds simulation 'ref'");
        Assert.Equal(File.ReadAllBytes(CliRun.Fixture("reference.jsonl")), File.ReadAllBytes(temp.File("out.jsonl")));
        Assert.Equal(0, export.ExitCode);
    }

    [Fact]
    public async Task Importing_a_simulation_another_process_is_writing_should_refuse_and_write_nothing()
    {
        using var temp = new TempFolder();
        var db = temp.File("live.db");
        var writer = Akka.Actor.ActorSystem.Create("writer", Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = OFF").WithFallback(Actors.EventureConfig.Sqlite(db)));
        try
        {
            await using var held = await Actors.SimulationWriterLease.AcquireAsync(writer, "live");

            var run = await CliRun.RunAsync("import", CliRun.Fixture("reference.jsonl"), "--db", db, "--sim", "live");

            AssertOneLineFailure(run, 1, "simulation 'live' in SQLite");
            Assert.Contains("is being written by another process", run.Error, StringComparison.Ordinal);
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Mode=ReadOnly");
            connection.Open();
            using var journal = connection.CreateCommand();
            journal.CommandText = "select count(*) from sqlite_master where name = 'event_journal'";
            Assert.Equal(0L, journal.ExecuteScalar());
        }
        finally
        {
            await writer.Terminate();
        }
    }

    [Fact]
    public async Task A_log_whose_ticks_go_backwards_should_not_be_imported()
    {
        using var temp = new TempFolder();
        var lines = File.ReadAllLines(CliRun.Fixture("seed-adventure.jsonl"));
        File.WriteAllLines(temp.File("shuffled.jsonl"), [lines[^1], .. lines[..^1]]);

        var run = await CliRun.RunAsync("import", temp.File("shuffled.jsonl"), "--db", temp.File("j.db"), "--sim", "s");

        AssertOneLineFailure(run, 1, "before the tick of the event above it");
        Assert.False(File.Exists(temp.File("j.db")));
    }

    [Fact]
    public async Task A_read_only_database_should_not_be_imported_into()
    {
        using var temp = new TempFolder();
        var db = temp.File("j.db");
        await CliRun.RunAsync("import", CliRun.Fixture("reference.jsonl"), "--db", db, "--sim", "ref");
        var before = temp.Fingerprint();
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(db, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(db, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var run = await CliRun.RunAsync("import", CliRun.Fixture("seed-adventure.jsonl"), "--db", db, "--sim", "other");

        AssertOneLineFailure(run, 1, "read-only");
        Assert.Equal(before, temp.Fingerprint());
    }

    [Fact]
    public async Task A_locked_database_should_be_reported_within_seconds()
    {
        using var temp = new TempFolder();
        var db = temp.File("locked.db");
        using (var setup = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            setup.Open();
            using var create = setup.CreateCommand();
            create.CommandText = "create table event_journal (persistence_id text); insert into event_journal values ('eventure-x');";
            create.ExecuteNonQuery();
        }

        using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
        holder.Open();
        using (var lockIt = holder.CreateCommand())
        {
            lockIt.CommandText = "begin exclusive";
            lockIt.ExecuteNonQuery();
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = await CliRun.RunAsync("inspect", db);

        AssertOneLineFailure(run, 1, "locked");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("tree")]
    [InlineData("tree", "x.jsonl", "--format", "fancy")]
    [InlineData("export", "x.jsonl")]
    [InlineData("import", "x.jsonl", "--db", "y.db")]
    [InlineData("verify", "x.jsonl", "--example", "chess")]
    [InlineData("verify", "x.db")]
    [InlineData("verify", "x.db", "--scenario", "town.dll", "--example", "crypto")]
    [InlineData("verify", "x.db", "--example", "crypto", "--sim", "adventure")]
    [InlineData("replay", "x.jsonl", "--until-tick", "soon")]
    public async Task Bad_usage_should_exit_with_2(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains("eventure --help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_should_add_the_stack_trace()
    {
        var quiet = await CliRun.RunAsync("tree", CliRun.Fixture("reference.jsonl"), "--event", "nope");
        var verbose = await CliRun.RunAsync("tree", CliRun.Fixture("reference.jsonl"), "--event", "nope", "--verbose");

        AssertOneLineFailure(quiet, 1, "No event 'nope'");
        Assert.Equal(1, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_should_list_every_command()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "inspect", "tree", "export", "import", "replay", "verify", "report" })
        {
            Assert.Contains(command, run.Output, StringComparison.Ordinal);
        }
    }

    private static void AssertOneLineFailure(CliRun run, int exitCode, string expected)
    {
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("eventure: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
