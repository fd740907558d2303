using Akka.Actor;
using Eventure.Cluster.Tests.TestEntities;
using Eventure.TestSupport;

namespace Eventure.Cluster.Tests;

/// <summary>
/// Losing a node mid-tick changes nothing in the journal. A partition's node downed while a tick is open: the unstored
/// tick is abandoned, the partition is rebuilt from the journal on a surviving node, and the tick runs again (new
/// epoch). The singleton's node lost: the next oldest node takes the writer lease over, recovers from the journal and
/// the run goes on. Both end with the single-node journal.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class FailoverSpec
{
    private const long HeldTick = 6;

    [Fact]
    public Task Downing_a_partitions_node_mid_tick_should_still_store_the_golden_journal() => DownMidTickAsync(extra: null);

    [Fact]
    public Task Downing_a_partitions_node_mid_tick_with_every_message_serialized_should_still_store_the_golden_journal() =>
        DownMidTickAsync(SerializeEverything.Config); // the loss, rewind and rebuild messages pass the check too

    private static async Task DownMidTickAsync(Akka.Configuration.Config? extra)
    {
        using var folder = new TempFolder();
        var database = folder.File("down.db");
        await using (var nodes = await ClusterNodes.StartAsync(3, database, extra))
        {
            var sims = await nodes.StartSimulationAsync(ClusterScenario.Options);
            var driver = sims[0]; // the singleton's node stays
            Task? downing = null;
            await ClusterScenario.SpawnAsync(driver);
            await ClusterScenario.RunAsync(driver, between: phase =>
            {
                if (phase == 0)
                {
                    Holder.Gate.Arm(HeldTick);
                    downing = DownWhileHeldAsync(nodes);
                }

                return Task.CompletedTask;
            });
            await downing!;
            var lost = nodes.Systems.Single(s => s.WhenTerminated.IsCompleted);
            Assert.NotSame(nodes.Systems[0], lost);
            if (extra is not null)
            {
                // The loss and the rebuild went through the check: the report, the rewind of the surviving partitions, the
                // recovery read and the lost entities created again from it.
                var read = nodes.Systems.Where(s => s != lost).SelectMany(s => CheckedSerializer.Deserialized(s).Keys).ToHashSet();
                Assert.All(
                    ["PartitionsLost", "RebuildPartitions", "RewindPartition", "PartitionRewound", "GetRecovery", "RecoveredState", "InitializeEntity", "EntitiesCreated"],
                    type => Assert.Contains(type, read));
            }
        }

        await ClusterScenario.AssertGoldenAsync(database);
    }

    [Fact]
    public async Task Killing_the_singletons_node_mid_tick_should_still_store_the_golden_journal()
    {
        using var folder = new TempFolder();
        var database = folder.File("kill.db");
        await using (var nodes = await ClusterNodes.StartAsync(3, database))
        {
            var sims = await nodes.StartSimulationAsync(ClusterScenario.Options);
            var driver = sims[1];
            Task? killing = null;
            await ClusterScenario.SpawnAsync(driver);
            await ClusterScenario.RunAsync(driver, between: phase =>
            {
                if (phase == 0)
                {
                    Holder.Gate.Arm(HeldTick);
                    killing = KillWhileHeldAsync(nodes.Systems[0]);
                }

                return Task.CompletedTask;
            });
            await killing!;
            Assert.True(nodes.Systems[0].WhenTerminated.IsCompleted);
        }

        await ClusterScenario.AssertGoldenAsync(database);
    }

    /// <summary>Once the tick is held, downs a node other than the singleton's (the holder's, if it is not there), then releases it.</summary>
    private static async Task DownWhileHeldAsync(ClusterNodes nodes)
    {
        var holder = await Holder.Gate.Held.WaitAsync(TimeSpan.FromSeconds(60));
        var singleton = Akka.Cluster.Cluster.Get(nodes.Systems[0]);
        var victim = nodes.Systems.Skip(1).FirstOrDefault(s => Akka.Cluster.Cluster.Get(s).SelfAddress.Equals(holder)) ?? nodes.Systems[1];
        singleton.Down(Akka.Cluster.Cluster.Get(victim).SelfAddress);
        await victim.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
        Holder.Gate.Release();
    }

    /// <summary>Once the tick is held, kills the singleton's node (no leaving: the others down it), then releases the tick.</summary>
    private static async Task KillWhileHeldAsync(ActorSystem singletonNode)
    {
        await Holder.Gate.Held.WaitAsync(TimeSpan.FromSeconds(60));
        await singletonNode.Terminate();
        Holder.Gate.Release();
    }
}
