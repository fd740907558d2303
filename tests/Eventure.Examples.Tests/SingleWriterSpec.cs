using Eventure.Actors.Persistence;
using Eventure.Examples.Tests.Support;
using Eventure.Persistence.Sql;

namespace Eventure.Examples.Tests;

/// <summary>A fact that starts several example processes at once (about 15 s on 2 cores): opt-in.</summary>
public sealed class MultiProcessFactAttribute : FactAttribute
{
    public MultiProcessFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EVENTURE_MULTIPROCESS_TESTS") != "1")
        {
            Skip = "Opt-in (about 15 s): EVENTURE_MULTIPROCESS_TESTS=1 dotnet test tests/Eventure.Examples.Tests --filter Category=MultiProcess";
        }
    }
}

/// <summary>
/// One writer per journal, across processes: two crypto runs started together on one SQLite journal. Exactly one runs;
/// the other exits 1 with one line and no stack trace, and the journal equals a single run.
/// </summary>
[Trait("Category", "MultiProcess")]
public sealed class SingleWriterSpec
{
    private const int Ticks = 30;

    [MultiProcessFact]
    public async Task Two_processes_on_one_journal_should_leave_exactly_one_writer_and_the_journal_of_a_single_run()
    {
        using var temp = new TempFolder();
        var db = temp.File("crypto.db");

        // Real time (100 ms a tick) keeps the winner writing for seconds, long after the loser has started.
        string[] args = ["crypto", "--db", db, "--ticks", $"{Ticks}", "--realtime", "--interval", "100"];
        using var a = ExampleProcess.Start(args);
        using var b = ExampleProcess.Start(args);
        await Task.WhenAll(a.WaitForExitAsync(TimeSpan.FromSeconds(120)), b.WaitForExitAsync(TimeSpan.FromSeconds(120)));

        var (winner, loser) = a.ExitCode == 0 ? (a, b) : (b, a);
        Assert.Equal(0, winner.ExitCode);
        Assert.Equal(1, loser.ExitCode);
        Assert.Equal(string.Empty, loser.Output);
        Assert.Matches(
            "^crypto: simulation 'crypto' in SQLite .*crypto\\.db is being written by another process; this one stopped before running any tick and wrote nothing\\.\n$",
            loser.Error);
        Assert.Contains($"ticks 0-{Ticks}.", winner.Output, StringComparison.Ordinal);

        var stored = await JournalReader.LoadSqliteAsync(db, "crypto");
        Assert.Equal(ExampleRun.Export(await ExampleRun.CryptoAsync(ticks: Ticks)), ExampleRun.Export(stored));
        Assert.Equal(0, CrashRecoverySpec.Count(db, "select count(*) from eventure_lease"));
    }
}
