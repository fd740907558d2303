using Akka.Actor;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Engine;
using Eventure.Actors.Persistence;

namespace Eventure.Actors.Tests;

/// <summary>
/// A partition lost (a cluster node went down) while the coordinator collects a snapshot: its states never come, so the
/// snapshot is dropped, the partitions are rebuilt and ticks go on (before, the run stalled for ever); states that arrive
/// late save nothing.
/// </summary>
public sealed class SnapshotLossSpec : TestKit
{
    [Fact]
    public void A_partition_lost_while_a_snapshot_is_collected_should_drop_the_snapshot_and_let_ticks_go_on()
    {
        var settings = EventureSettings.Default;
        var partitions = new Partitions(CreateTestProbe().Ref, 2);
        var (bus, log, reporter) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        var engine = new TickEngine(TickRules.From(settings), partitions.Count);
        var snapshots = new SnapshotCollector(partitions, bus.Ref, log.Ref, TestActor);
        var population = new PopulationChanges(engine, partitions, bus.Ref, log.Ref, TestActor, 7, Sys.Log);
        var cycle = new TickCycle("lost", engine, partitions, bus.Ref, log.Ref, TestActor, population, snapshots, maxUnstored: 4);
        Assert.True(cycle.CanBegin);

        // Collecting after tick 0: partition 0 answers, the bus answers, partition 1's node goes down.
        snapshots.Start(0, engine);
        Assert.False(cycle.CanBegin);
        Assert.Equal(TickCycle.Outcome.Waiting, cycle.Take(new PartitionStates(0, 0, [])));
        Assert.Equal(TickCycle.Outcome.Waiting, cycle.Take(new CurrentSubscriptions(0, [])));
        // Nothing is being stored: the reporter rebuilds from the last stored tick at once, and the cycle stands where a
        // finished snapshot leaves it (every tick stored: the coordinator goes on, and the next tick may begin).
        Assert.Equal(TickCycle.Outcome.Stored, cycle.Lost(new PartitionsLost(1), reporter.Ref, stopped: false));
        var rebuild = reporter.ExpectMsg<RebuildPartitions>();
        Assert.Equal(1, rebuild.Epoch);
        Assert.False(snapshots.Collecting);
        Assert.True(cycle.CanBegin);

        // The lost partition's states, had they come after all, save nothing.
        cycle.Take(new PartitionStates(1, 0, []));
        log.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    private sealed class Partitions(IActorRef sink, int count) : IPartitions
    {
        public int Count => count;

        public bool CanBeLost => true;

        public void Tell(int partition, object message, IActorRef sender) => sink.Tell(message, sender);
    }
}
