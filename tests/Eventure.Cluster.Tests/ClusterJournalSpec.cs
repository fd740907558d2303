using Akka.Configuration;
using Eventure.TestSupport;

namespace Eventure.Cluster.Tests;

/// <summary>
/// The signature of Eventure on a cluster: the same seed gives the same journal, byte for byte, on one node and on three
/// clustered actor systems (entities in sharded partitions across them, the coordinator a singleton on the oldest).
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ClusterJournalSpec
{
    [Fact]
    public async Task Three_clustered_nodes_should_store_the_journal_one_node_stores()
    {
        using var folder = new TempFolder();
        await RunAsync(folder.File("cluster.db"), extra: null);
        await ClusterScenario.AssertGoldenAsync(folder.File("cluster.db"));
    }

    // Known issue (2026-12-01): with serialize-messages on every node, Akka's own start-up often fails the local
    // serialization check (ddata's ReadRepair is not verifiable; the shard coordinator's singleton manager then reports
    // "Expected hand-over ... never occurred") and the shard regions never all register. It passed in one of five runs.
    [Fact(Skip = "Known issue: Akka.DistributedData/singleton internals fail serialize-messages at cluster start-up; see the comment above")]
    public async Task Three_clustered_nodes_with_every_message_serialized_should_store_the_journal_one_node_stores()
    {
        using var folder = new TempFolder();
        await RunAsync(folder.File("cluster.db"), ConfigurationFactory.ParseString("akka.actor.serialize-messages = on"));
        await ClusterScenario.AssertGoldenAsync(folder.File("cluster.db"));
    }

    private static async Task RunAsync(string database, Config? extra)
    {
        await using var nodes = await ClusterNodes.StartAsync(3, database, extra);
        var sims = await nodes.StartSimulationAsync(ClusterScenario.Options);
        var driver = sims[1]; // on a node without the singleton: every request crosses nodes
        await ClusterScenario.SpawnAsync(driver);
        await ClusterScenario.RunAsync(driver);
        foreach (var sim in sims)
        {
            await sim.StopAsync();
        }

        // The partitions' traffic really crossed nodes (the singleton lives on the first node, partitions on all three).
        Assert.True(nodes.Systems.Sum(s => EventureCluster.Get(s).Wire.Messages) > 0);
    }
}
