using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors.Persistence;
using Eventure.Persistence.Sql;

namespace Eventure.Actors.Tests.Persistence;

/// <summary>
/// <see cref="JournalWriter"/>: ticks written without a running simulation read back as <see cref="StoredTick"/>s through
/// <see cref="JournalReader"/>, a refused tick names itself and keeps the ticks before it, and nothing is written while
/// another process holds the simulation's writer lease.
/// </summary>
public sealed class JournalWriterSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = OFF");

    [Fact]
    public async Task Written_ticks_should_read_back_with_their_events_sources_and_checksums()
    {
        using var db = new TempDatabase();
        using var system = ActorSystem.Create("write", Quiet.WithFallback(EventureConfig.Sqlite(db.Path)));
        try
        {
            StoredTick[] ticks = [Tick(0, ["a", "b"], ["e-1", null], 11), Tick(1, [], [], 12), Tick(2, ["c"], [], 0)];

            var stored = await JournalWriter.WriteTicksAsync(system, "town", ticks);
            var read = await JournalReader.LoadTicksAsync(system, "town");

            Assert.Equal(3, stored);
            Assert.Equal([0L, 1L, 2L], read.Select(t => t.Tick));
            Assert.Equal(["a", "b", "c"], read.SelectMany(t => t.Events).Select(e => e.Type));
            Assert.Equal([11L, 12L, 0L], read.Select(t => t.Checksum));
            Assert.Equal(new string?[] { "e-1", null }, read[0].Sources.ToArray().AsEnumerable());
            Assert.Null(read[2].SourceOf(0));
            Assert.False(read[0].IsInput(0));
            var log = await JournalReader.LoadAsync(system, "town", untilTick: 1);
            Assert.Equal(["a", "b"], log.Events.Select(e => e.Type));
        }
        finally
        {
            await system.Terminate();
            SqliteJournal.ReleaseConnections();
        }
    }

    [Fact]
    public async Task A_tick_out_of_order_should_be_refused_by_name_keeping_the_ticks_before_it()
    {
        using var db = new TempDatabase();
        using var system = ActorSystem.Create("order", Quiet.WithFallback(EventureConfig.Sqlite(db.Path)));
        try
        {
            StoredTick[] ticks = [Tick(0, ["a"], [], 0), Tick(3, ["b"], [], 0), Tick(2, ["c"], [], 0)];

            var refused = await Assert.ThrowsAsync<SimulationException>(() => JournalWriter.WriteTicksAsync(system, "town", ticks));

            Assert.Contains("tick 2 could not be stored: tick 2 is not after the last stored tick 3", refused.Message, StringComparison.Ordinal);
            Assert.Equal([0L, 3L], (await JournalReader.LoadTicksAsync(system, "town")).Select(t => t.Tick));
        }
        finally
        {
            await system.Terminate();
            SqliteJournal.ReleaseConnections();
        }
    }

    [Fact]
    public async Task Writing_a_simulation_another_process_holds_should_be_refused_before_anything_is_written()
    {
        using var db = new TempDatabase();
        using var holder = ActorSystem.Create("holder", Quiet.WithFallback(EventureConfig.Sqlite(db.Path)));
        using var importer = ActorSystem.Create("importer", Quiet.WithFallback(EventureConfig.Sqlite(db.Path)));
        try
        {
            await using var lease = await SimulationWriterLease.AcquireAsync(holder, "town");

            var refused = await Assert.ThrowsAsync<SimulationException>(() => JournalWriter.WriteTicksAsync(importer, "town", [Tick(0, ["a"], [], 0)]));

            Assert.Contains("is being written by another process", refused.Message, StringComparison.Ordinal);
            Assert.Empty(await JournalReader.LoadTicksAsync(importer, "town"));
        }
        finally
        {
            await holder.Terminate();
            await importer.Terminate();
            SqliteJournal.ReleaseConnections();
        }
    }

    private static StoredTick Tick(long tick, string[] types, string?[] sources, long checksum)
    {
        var ids = new EventIdGenerator();
        var events = types.Select(type => new Event(tick, tick, type, null, ids.Next(tick, type))).ToImmutableArray();
        return new StoredTick(tick, events, [.. sources], checksum);
    }
}
