using System.Diagnostics;
using Eventure.Examples.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Eventure.Examples.Tests;

/// <summary>
/// A simulation process killed with SIGKILL in the middle of a run: the journal keeps every committed tick, shows
/// no partial tick, and a restarted run resumes to exactly the journal a run without the crash writes.
/// </summary>
public sealed class CrashRecoverySpec
{
    private const string Markers = "select count(*) from event_journal where persistence_id = 'eventure-crypto' and manifest in ('tick1', 'tick2', 'row1')";
    private const string LiveLeases = "select count(*) from eventure_lease where expires_at >= CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

    [Fact]
    public async Task A_killed_run_should_resume_to_the_same_journal_as_an_uninterrupted_run()
    {
        using var temp = new TempFolder();
        var db = temp.File("crypto.db");

        // The killed writer never releases its lease: a short time to live lets the resumed run take over soon.
        var overlay = temp.File("short-lease.conf");
        File.WriteAllText(overlay, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "hocon", "sqlite.conf"))
            + "\neventure.persistence.sql.lease { heartbeat-timeout = 2s, heartbeat-interval = 500ms }\n");
        using (var child = ExampleProcess.Start("crypto", "--journal", overlay, "--db", db, "--ticks", "1000000"))
        {
            await PollAsync(() => Count(db, Markers) >= 150, TimeSpan.FromSeconds(90), child);
            child.Kill();
            await child.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(1, Count(db, "select count(*) from eventure_lease"));
        await PollAsync(() => Count(db, LiveLeases) == 0, TimeSpan.FromSeconds(30), child: null);

        var committed = Count(db, Markers);
        var resumed = await AppRun.RunAsync(null, "crypto", "--db", db, "--ticks", "5", "--out", temp.File("resumed.jsonl"));

        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains($"Resuming the crypto run at tick {committed}", resumed.Output, StringComparison.Ordinal);
        var straight = ExampleRun.Export(await ExampleRun.CryptoAsync(ticks: committed + 4));
        Assert.Equal(straight, File.ReadAllBytes(temp.File("resumed.jsonl")));
    }

    internal static long Count(string db, string sql)
    {
        if (!File.Exists(db))
        {
            return 0;
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // the journal tables are not created yet
        }
    }

    /// <summary>Waits for a condition the child process makes true (a poll, since the child is another process).</summary>
    private static async Task PollAsync(Func<bool> condition, TimeSpan timeout, ExampleProcess? child)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(child?.HasExited ?? false, "the child simulation exited before it could be killed");
            Assert.True(deadline.Elapsed < timeout, $"the condition did not hold within {timeout}");
            await Task.Delay(20);
        }
    }
}
