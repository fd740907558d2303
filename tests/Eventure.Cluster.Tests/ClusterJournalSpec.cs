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

    // Known issue (2026-12-01): with serialize-messages on every node, Akka's own start-up often fails. In ddata mode
    // ddata's ReadRepair is not verifiable and the shard regions never all register (1 of 5 runs passed). In persistence
    // mode (below) 5 of 7 runs passed; the failures were "Expected hand-over ... never occurred" from the shard
    // coordinator's singleton at start-up, and every run logs Akka.Persistence.Sql's own WriteFinished as unserializable
    // (the check drops it; Eventure's writes complete anyway). With the coordinator on the in-memory journal, 0 of 5.
    // Eventure's own messages are checked with serialize-messages on by SerializationSpec (one node) and crossed real
    // TCP here through the counting wire serializer.
    [Fact(Skip = "Known issue: Akka's cluster start-up fails serialize-messages intermittently (ddata ReadRepair, singleton hand-over); see the comment above")]
    public async Task Three_clustered_nodes_with_every_message_serialized_should_store_the_journal_one_node_stores()
    {
        using var folder = new TempFolder();
        await RunAsync(folder.File("cluster.db"), ConfigurationFactory.ParseString("""
            akka.actor.serialize-messages = on
            akka.cluster.sharding.state-store-mode = persistence
            """));
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
