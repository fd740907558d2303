using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors.Persistence;
using Eventure.Actors.Tests.Persistence;
using Eventure.Actors.Tests.TestEntities;
using Eventure.Persistence.Sql;

namespace Eventure.Actors.Tests;

/// <summary>
/// The <see cref="EventureExtension"/> brings Eventure's defaults into any actor system: one configured only with a
/// journal plugin's own HOCON stores versioned JSON with short manifests and honours <c>eventure.*</c>.
/// </summary>
public sealed class EventureExtensionSpec : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task A_system_with_plain_Akka_Persistence_Sql_HOCON_should_store_with_the_Eventure_serializer_and_honour_eventure_snapshot()
    {
        using var db = new TempDatabase();
        using var system = ActorSystem.Create("plain", PlainSqlite(db.Path).WithFallback(ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            eventure.snapshot { every-ticks = 5, keep = 1, growth = 1.0 }
            """)));
        try
        {
            var sim = await Simulation.StartAsync(system, new SimulationOptions { Id = "plain", Seed = 7 });
            await sim.SpawnAsync("c1", Props.Create<Counter>());
            await sim.RunTicksAsync(12);

            // Snapshots after ticks 4 and 9 (every 5), keep 1: only the one after tick 9 remains (the spawn's row, then one per tick).
            await AwaitAssertAsync(() => Assert.Equal(1, db.Count($"select count(*) from snapshot where serializer_id = {EventureJournalSerializer.Id} and manifest = 'rt1' and sequence_nr = 11")), TimeSpan.FromSeconds(10));
            await AwaitAssertAsync(() => Assert.Equal(1, db.Count("select count(*) from snapshot")), TimeSpan.FromSeconds(10));
            await sim.StopAsync();

            Assert.Equal(new EventLogSettings(5, 1, 1.0), EventureExtension.Get(system).LogSettings);
            Assert.Equal(0, db.Count($"select count(*) from event_journal where serializer_id <> {EventureJournalSerializer.Id}"));
            Assert.Equal(12, db.Count("select count(*) from event_journal where manifest = 'row1'"));
            Assert.Equal(0, db.Count("select count(*) from event_journal where manifest not in ('acc1', 'row1')"));
            Assert.Equal(1, db.Count("select count(*) from event_journal where manifest = 'acc1'")); // the spawn, stored before it was acknowledged
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task A_restart_on_plain_HOCON_should_recover_what_the_Eventure_serializer_stored()
    {
        using var db = new TempDatabase();
        var config = PlainSqlite(db.Path).WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var first = await SqliteSimulationSpec.RunOnPlainAsync(config, ticks: 6);
        var resumed = await SqliteSimulationSpec.RunOnPlainAsync(config, ticks: 4);

        Assert.Equal(6, first.Ticks.Length);
        Assert.Equal(10, resumed.Ticks.Length);
        Assert.Equal(first.Ticks.Select(t => t.Checksum), resumed.Ticks.Take(6).Select(t => t.Checksum));
    }

    [Theory]
    [InlineData("inmem", null, false)]
    [InlineData("sqlite", null, true)]
    [InlineData("sqlite", "in-memory", false)]
    [InlineData("inmem", "persistent", true)]
    public async Task The_log_store_should_follow_the_journal_unless_eventure_log_store_says_otherwise(string journal, string? store, bool persistent)
    {
        using var db = new TempDatabase();
        var config = journal == "inmem" ? EventureConfig.InMemory() : EventureConfig.Sqlite(db.Path);
        if (store is not null)
        {
            config = ConfigurationFactory.ParseString($"eventure.log.store = {store}").WithFallback(config);
        }

        using var system = ActorSystem.Create("store", config);
        Assert.Equal(persistent, EventureExtension.Get(system).UsesPersistentLog);
        await system.Terminate();
    }

    [Fact]
    public async Task A_system_without_Eventure_configuration_should_get_the_defaults_and_the_bindings()
    {
        using var system = ActorSystem.Create("bare", "akka.loglevel = WARNING");
        var eventure = EventureExtension.Get(system);

        Assert.Equal(EventureSettings.Default, eventure.Settings);
        Assert.False(eventure.UsesPersistentLog);
        Assert.Equal("30s", system.Settings.Config.GetString("eventure.tick.timeout"));
        Assert.All(EventureSerializers.JournalTypes, type => Assert.Equal(EventureJournalSerializer.Id, system.Serialization.FindSerializerForType(type).Identifier));
        Assert.IsType<Akka.Serialization.HyperionSerializer>(system.Serialization.FindSerializerForType(typeof(GetEventLog)));
        await system.Terminate();
    }

    [Fact]
    public async Task A_binding_the_configuration_chose_should_be_kept()
    {
        using var system = ActorSystem.Create("chosen", """
            akka.loglevel = WARNING
            akka.actor.serialization-bindings { "Eventure.Actors.Persistence.TickMarker, Eventure.Actors" = json }
            """);
        EventureExtension.Get(system);

        Assert.IsType<Akka.Serialization.NewtonSoftJsonSerializer>(system.Serialization.FindSerializerForType(typeof(TickMarker)));
        Assert.Equal(EventureJournalSerializer.Id, system.Serialization.FindSerializerForType(typeof(JournaledEvent)).Identifier);
        await system.Terminate();
    }

    [Fact]
    public void The_serializer_list_should_match_the_bindings_of_reference_conf()
    {
        var bindings = EventureConfig.Default.GetConfig("akka.actor.serialization-bindings").AsEnumerable()
            .Select(b => (Type.GetType(b.Key, throwOnError: true)!, b.Value.GetString()))
            .ToHashSet();
        var listed = EventureSerializers.JournalTypes.Select(t => (t, EventureSerializers.JournalSerializerName))
            .Concat(EventureSerializers.MessageTypes.Select(t => (t, EventureSerializers.MessageSerializerName)))
            .ToHashSet();

        Assert.Equal(bindings, listed);
    }

    /// <summary>What a user of Akka.Persistence.Sql writes for SQLite, without anything from Eventure.</summary>
    internal static Config PlainSqlite(string path) => ConfigurationFactory.ParseString($$"""
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.sql"
            sql {
              class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
              connection-string = "Data Source={{path}}"
              provider-name = "SQLite.MS"
              table-mapping = sqlite
              tag-write-mode = Csv
              auto-initialize = on
            }
          }
          snapshot-store {
            plugin = "akka.persistence.snapshot-store.sql"
            sql {
              class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
              connection-string = "Data Source={{path}}"
              provider-name = "SQLite.MS"
              table-mapping = sqlite
              auto-initialize = on
            }
          }
        }
        """);
}
