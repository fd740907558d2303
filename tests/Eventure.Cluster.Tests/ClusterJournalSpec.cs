using System.Collections.Immutable;
using System.Text;
using Akka.Actor;
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
        _ = await RunAsync(folder.File("cluster.db"), extra: null);
        await ClusterScenario.AssertGoldenAsync(folder.File("cluster.db"));
    }

    [Fact]
    public async Task Three_clustered_nodes_with_every_message_serialized_should_store_the_journal_one_node_stores()
    {
        using var folder = new TempFolder();
        var systems = await RunAsync(folder.File("cluster.db"), SerializeEverything.Config);
        await ClusterScenario.AssertGoldenAsync(folder.File("cluster.db"));

        // Every node serialized and deserialized what its actors sent each other: the barrier and the delivery batches on
        // their way into its partitions, and their answers on the way out.
        foreach (var system in systems)
        {
            Assert.True(system.Settings.SerializeAllMessages);
            var read = CheckedSerializer.Deserialized(system);
            Assert.All(["PartitionTick", "PartitionTicked", "PartitionWave", "PartitionWaveAnswered"], type => Assert.Contains(type, read.Keys));
        }

        // The commands to the coordinator, on the driver's node (where the facade sends them) and on the first (where the
        // singleton receives them), and the answers on the driver's node.
        Assert.All(systems.Take(2), system => Assert.All(
            ["SpawnByKind", "SendInput", "DespawnEntity", "RunUntilTick"],
            type => Assert.Contains(type, CheckedSerializer.Deserialized(system).Keys)));
        Assert.All(["EntitiesSpawned", "InputAccepted", "RunCompleted"], type => Assert.Contains(type, CheckedSerializer.Deserialized(systems[1]).Keys));
    }

    [Fact]
    public async Task Answers_larger_than_a_remote_frame_should_reach_a_node_without_the_singleton()
    {
        // A frame of 32,000 bytes (the least Akka accepts): the log and the stored ticks of the scenario are larger, so they cross in parts.
        using var folder = new TempFolder();
        var smallFrames = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.maximum-frame-size = 32000b");
        await using var nodes = await ClusterNodes.StartAsync(2, folder.File("cluster.db"), smallFrames);
        var sims = await nodes.StartSimulationAsync(ClusterScenario.Options);
        var driver = sims[1];
        await ClusterScenario.SpawnAsync(driver);
        await ClusterScenario.RunAsync(driver);

        var (export, _) = await ClusterScenario.GoldenAsync();
        Assert.True(Encoding.UTF8.GetByteCount(export) > 2 * 32_000, "the log must be larger than a frame");
        Assert.Equal(export, ClusterScenario.Export(await driver.GetLogAsync()));
        var atTick = await driver.GetLogAsync(untilTick: 9);
        Assert.Equal(9, atTick.CurrentTick);
        Assert.Equal(ClusterScenario.Export(await sims[0].GetLogAsync(untilTick: 9)), ClusterScenario.Export(atTick));
        var count = await driver.GetStateAtTickAsync(14, 0, (n, _) => n + 1);
        Assert.Equal((await sims[0].GetLogAsync()).Events.Count, count);
        foreach (var sim in sims)
        {
            await sim.StopAsync();
        }
    }

    private static async Task<ImmutableArray<ActorSystem>> RunAsync(string database, Config? extra)
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
        return nodes.Systems;
    }
}
