using System.Net;
using System.Net.Sockets;
using Eventure.Actors.Persistence;
using Eventure.Examples.Tests.Support;
using Eventure.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace Eventure.Examples.Tests;

/// <summary>A fact that starts three cluster node processes (up to a minute and a half on 2 cores): opt-in.</summary>
public sealed class ClusterProcessFactAttribute : FactAttribute
{
    public ClusterProcessFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EVENTURE_CLUSTER_PROCESS_TESTS") != "1")
        {
            Skip = "Opt-in (two tests, about 2 min): EVENTURE_CLUSTER_PROCESS_TESTS=1 dotnet test tests/Eventure.Examples.Tests --filter Category=ClusterProcess";
        }
    }
}

/// <summary>
/// Crypto on three real node processes (<c>node crypto</c>) sharing one SQLite journal on this machine: one node is
/// killed (SIGKILL, no leaving) mid-run; the others down it, rebuild its partitions (or take the singleton over) from
/// the journal and finish. The journal equals a single-node run's.
/// </summary>
/// <remarks>
/// The first seed node starts alone, so it is the oldest member and hosts the simulation's singleton and the shard
/// coordinator; the other two join it. Killing a node that only hosts partitions, or the singleton's node (then the run
/// is driven from another node, so the log it asks for at the end crosses nodes), covers both ways of failing over.
/// </remarks>
[Trait("Category", "ClusterProcess")]
public sealed class ClusterProcessSpec
{
    private const int Ticks = 400;

    [ClusterProcessFact]
    public Task Killing_a_node_that_hosts_partitions_mid_run_should_store_the_single_node_journal() => KillMidRunAsync(singletonNode: false);

    [ClusterProcessFact]
    public Task Killing_the_singletons_node_mid_run_should_store_the_single_node_journal() => KillMidRunAsync(singletonNode: true);

    private static async Task KillMidRunAsync(bool singletonNode)
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
        ExampleProcess Node(int i, int minNodes, bool drive) => ExampleProcess.Start(
            ["node", "crypto", "--port", $"{ports[i]}", "--seed-nodes", seeds, "--min-nodes", $"{minNodes}", "--ticks", $"{Ticks}", "--seed", "7", "--db", db, "--config", fast, "--verbose",
                .. drive ? new[] { "--drive" } : []]);

        // Node 0 first, on its own (the oldest member); it drives unless it is the one to be killed.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        using var first = Node(0, minNodes: singletonNode ? 1 : 3, drive: !singletonNode);
        if (singletonNode)
        {
            await UntilAsync(() => first.Output.Contains(" is up", StringComparison.Ordinal), first, deadline);
        }

        using var second = Node(1, minNodes: 3, drive: singletonNode);
        using var third = Node(2, minNodes: 3, drive: false);
        var (driver, serving, victim) = singletonNode ? (second, third, first) : (first, second, third);

        // Kill the victim once the run is under way (some ticks stored, far from the last).
        long stored = 0;
        await UntilAsync(() => (stored = StoredRows(db)) >= 20, driver, deadline);
        victim.Kill();
        Assert.True(stored < Ticks, "the node was killed after the run had ended");

        try
        {
            await driver.WaitForExitAsync(TimeSpan.FromSeconds(120));
            await serving.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the run did not end.\n--- driving node:\n{driver.Output}{driver.Error}\n--- serving node:\n{serving.Output}{serving.Error}\n--- killed node:\n{victim.Output}{victim.Error}");
        }

        Assert.True(driver.ExitCode == 0, driver.Output + driver.Error);
        Assert.Contains($"ticks 0-{Ticks}.", driver.Output, StringComparison.Ordinal);
        Assert.True(serving.ExitCode == 0, serving.Output + serving.Error);

        var clustered = await JournalReader.LoadSqliteAsync(db, "crypto");
        Assert.Equal(ExampleRun.Export(await ExampleRun.CryptoAsync(seed: 7, ticks: Ticks)), ExampleRun.Export(clustered));
    }

    private static async Task UntilAsync(Func<bool> condition, ExampleProcess watched, DateTime deadline)
    {
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the run did not start: {watched.Output}{watched.Error}");
            Assert.False(watched.HasExited, watched.Output + watched.Error);
            await Task.Delay(50);
        }
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
