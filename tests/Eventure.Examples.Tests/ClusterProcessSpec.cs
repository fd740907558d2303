using System.Net;
using System.Net.Sockets;
using Eventure.Actors.Persistence;
using Eventure.Examples.Tests.Support;
using Eventure.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace Eventure.Examples.Tests;

/// <summary>A fact that starts three cluster node processes (about a minute on 2 cores): opt-in.</summary>
public sealed class ClusterProcessFactAttribute : FactAttribute
{
    public ClusterProcessFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EVENTURE_CLUSTER_PROCESS_TESTS") != "1")
        {
            Skip = "Opt-in (about a minute): EVENTURE_CLUSTER_PROCESS_TESTS=1 dotnet test tests/Eventure.Examples.Tests --filter Category=ClusterProcess";
        }
    }
}

/// <summary>
/// Crypto on three real node processes (<c>node crypto</c>) sharing one SQLite journal on this machine: one node is
/// killed (SIGKILL, no leaving) mid-run; the others down it, rebuild its partitions (or take the singleton over) from
/// the journal and finish. The journal equals a single-node run's.
/// </summary>
[Trait("Category", "ClusterProcess")]
public sealed class ClusterProcessSpec
{
    private const int Ticks = 400;

    [ClusterProcessFact]
    public async Task Three_node_processes_with_one_killed_mid_run_should_store_the_single_node_journal()
    {
        using var temp = new TempFolder();
        var db = temp.File("cluster.db");
        var fast = temp.File("fast.conf");
        await File.WriteAllTextAsync(fast, """
            akka.cluster.failure-detector.heartbeat-interval = 300ms
            akka.cluster.failure-detector.acceptable-heartbeat-pause = 1500ms
            akka.cluster.split-brain-resolver.stable-after = 2s
            akka.cluster.singleton.hand-over-retry-interval = 200ms
            akka.cluster.singleton-proxy.singleton-identification-interval = 200ms
            eventure.persistence.sql.lease.heartbeat-timeout = 3s
            eventure.persistence.sql.lease.heartbeat-interval = 500ms
            """);
        var ports = new[] { FreePort(), FreePort(), FreePort() };
        var seeds = $"127.0.0.1:{ports[0]}";
        ExampleProcess Node(int i, bool drive) => ExampleProcess.Start(
            ["node", "crypto", "--port", $"{ports[i]}", "--seed-nodes", seeds, "--min-nodes", "3", "--ticks", $"{Ticks}", "--seed", "7", "--db", db, "--config", fast,
                .. drive ? new[] { "--drive" } : []]);

        using var driver = Node(0, drive: true);
        using var serving = Node(1, drive: false);
        using var victim = Node(2, drive: false);

        // Kill the third node once the run is under way (some ticks stored, far from the last).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        long stored;
        while ((stored = StoredRows(db)) < 20)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the run did not start: {driver.Error}{serving.Error}{victim.Error}");
            Assert.False(driver.HasExited, driver.Output + driver.Error);
            await Task.Delay(50);
        }

        victim.Kill();
        Assert.True(stored < Ticks, "the node was killed after the run had ended");

        await driver.WaitForExitAsync(TimeSpan.FromSeconds(120));
        await serving.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(driver.ExitCode == 0, driver.Output + driver.Error);
        Assert.Contains($"ticks 0-{Ticks}.", driver.Output, StringComparison.Ordinal);
        Assert.Equal(0, serving.ExitCode);

        var clustered = await JournalReader.LoadSqliteAsync(db, "crypto");
        Assert.Equal(ExampleRun.Export(await ExampleRun.CryptoAsync(seed: 7, ticks: Ticks)), ExampleRun.Export(clustered));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static long StoredRows(string db)
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
            command.CommandText = "select count(*) from event_journal where persistence_id = 'eventure-crypto'";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // not created yet
        }
    }
}
