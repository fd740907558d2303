using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;
using Eventure.Cluster.Tests.TestEntities;
using Eventure.Persistence.Sql;
using Eventure.TestSupport;

namespace Eventure.Cluster.Tests;

/// <summary>
/// The last line of defence against two writers (a singleton that has not noticed it was replaced): the journal's unique
/// (persistence id, sequence number). Two writers recovered to the same tick: the first stores it, the second is
/// refused, stores nothing and stops with an error that says so.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class WriterFencingSpec
{
    [Fact]
    public async Task A_stale_second_writer_should_be_fenced_by_the_journal_and_stop_with_a_clear_error()
    {
        using var folder = new TempFolder();
        var database = folder.File("fenced.db");
        // No writer lease: the journal's key is all that stands between the two.
        var config = ConfigurationFactory.ParseString("eventure.writer.lease = off\nakka.loglevel = OFF").WithFallback(EventureConfig.Sqlite(database));
        using var first = ActorSystem.Create("first", config);
        using var second = ActorSystem.Create("second", config);
        try
        {
            var a = await Simulation.StartAsync(first, ClusterScenario.Options());
            await ClusterScenario.SpawnAsync(a);
            await a.RunTicksAsync(3);
            var b = await Simulation.StartAsync(second, ClusterScenario.Options());
            Assert.Equal(3, (await b.GetStatusAsync()).NextTick);

            await a.RunTicksAsync(1);
            var refused = await Assert.ThrowsAsync<SimulationException>(() => b.RunTicksAsync(1));

            Assert.Contains("another writer already stored sequence number", refused.Message, StringComparison.Ordinal);
            Assert.Contains("fenced by the journal", refused.Message, StringComparison.Ordinal);
            Assert.Equal(4, (await a.GetStatusAsync()).NextTick);
            Assert.NotNull((await b.GetStatusAsync()).Failure);
        }
        finally
        {
            await first.Terminate();
            await second.Terminate();
            SqliteJournal.ReleaseConnections();
        }
    }
}
