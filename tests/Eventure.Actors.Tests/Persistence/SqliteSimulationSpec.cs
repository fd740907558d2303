using Akka.Actor;
using Eventure.Actors.Persistence;
using Eventure.Actors.Tests.TestEntities;
using Eventure.Persistence.Sql;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests.Persistence;

/// <summary>Durable simulations on a real SQLite file: restart, replay, partial ticks and snapshots.</summary>
public sealed class SqliteSimulationSpec : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task A_simulation_restarted_on_the_same_file_should_write_the_same_journal_as_a_straight_run()
    {
        using var straightDb = new TempDatabase();
        using var resumedDb = new TempDatabase();

        var straight = await RunAsync(straightDb.Path, ticks: 100);
        var firstHalf = await RunAsync(resumedDb.Path, ticks: 50);
        var resumed = await RunAsync(resumedDb.Path, ticks: 50);

        Assert.Equal(50, firstHalf.Ticks.Length);
        Assert.Equal(straight.Export, resumed.Export);
        Assert.Equal(straight.Ticks.Select(t => (t.Tick, t.Checksum)), resumed.Ticks.Select(t => (t.Tick, t.Checksum)));
        Assert.Equal(straightDb.Count("select count(*) from event_journal"), resumedDb.Count("select count(*) from event_journal"));
    }

    [Fact]
    public async Task Recovery_should_ignore_a_tick_without_its_marker()
    {
        using var db = new TempDatabase();
        await RunAsync(db.Path, ticks: 3);
        using (var system = ActorSystem.Create("orphan", EventureConfig.Sqlite(db.Path)))
        {
            // Simulate a crash in the middle of tick 3: one event stored, no marker.
            var writer = system.ActorOf(Props.Create(() => new OrphanWriter(EventLogActor.PersistenceIdOf("durable"))));
            await writer.Ask<string>("write", TimeSpan.FromSeconds(20));
            await system.Terminate();
        }

        var resumed = await RunAsync(db.Path, ticks: 2);

        Assert.Equal([0L, 1, 2, 3, 4], resumed.Ticks.Select(t => t.Tick));
        Assert.DoesNotContain("orphan", resumed.Export, StringComparison.Ordinal);
        Assert.Equal(resumed.Export, (await RunAsync(db.Path, ticks: 0)).Export);
    }

    [Fact]
    public async Task Snapshots_should_be_taken_every_n_ticks_keeping_the_newest()
    {
        using var db = new TempDatabase();
        var config = Akka.Configuration.ConfigurationFactory.ParseString("eventure.snapshot { every-ticks = 10, keep = 2 }");

        var first = await RunAsync(db.Path, ticks: 35, config);

        await AwaitAssertAsync(() => Assert.Equal(2, db.Count("select count(*) from snapshot")), TimeSpan.FromSeconds(10));
        var resumed = await RunAsync(db.Path, ticks: 0, config);
        Assert.Equal(first.Export, resumed.Export);
    }

    [Fact]
    public async Task Time_travel_should_return_the_log_as_of_a_tick()
    {
        using var db = new TempDatabase();
        await RunAsync(db.Path, ticks: 10);
        using var system = ActorSystem.Create("travel", EventureConfig.Sqlite(db.Path));
        try
        {
            var log = system.ActorOf(EventLogActor.Props("durable"));
            var atFour = (await log.Ask<EventLogResult>(new GetEventLogAtTick(4), TimeSpan.FromSeconds(20))).Log;

            Assert.Equal(4, atFour.CurrentTick);
            Assert.All(atFour.Events, e => Assert.InRange(e.Tick, 0, 4));
            Assert.Equal([5L, 5L], atFour.GetEventsAtTick(4).Where(e => e.Type == "counter.incremented").Select(e => (long)e.Data["count"]!));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task GetStateAtTick_should_fold_an_entity_or_the_whole_log_as_of_a_tick()
    {
        using var db = new TempDatabase();
        await RunAsync(db.Path, ticks: 10);
        using var system = ActorSystem.Create("state", EventureConfig.Sqlite(db.Path));
        try
        {
            var options = new SimulationOptions { Id = "durable", Seed = 42, LogProps = EventLogActor.Props("durable"), AskTimeout = TimeSpan.FromSeconds(30) };
            options.Entities.Register<Counter>("counter");
            var sim = await Simulation.StartAsync(system, options);
            static long LastCount(long count, Event e) => e.Type == "counter.incremented" ? (long)e.Data["count"]! : count;

            var c1AtSix = await sim.GetStateAtTickAsync(6, 0L, LastCount, entityId: "c1");
            var allAtSix = await sim.GetStateAtTickAsync(6, 0, (int n, Event _) => n + 1);
            var untilSix = await sim.GetLogAsync(untilTick: 6);
            var fromJournal = await JournalReader.GetStateAtTickAsync(system, "durable", 3, 0L, LastCount, entityId: "c2");

            Assert.Equal(7, c1AtSix); // ticks 0..6, one increment each
            Assert.Equal(untilSix.Events.Count, allAtSix);
            Assert.Equal(6, untilSix.CurrentTick);
            Assert.Equal(4, fromJournal);
            Assert.Equal(0L, await sim.GetStateAtTickAsync(6, 0L, LastCount, entityId: "nobody"));
        }
        finally
        {
            await system.Terminate();
        }
    }

    internal static async Task<(string Export, AppendTick[] Ticks)> RunAsync(string databasePath, int ticks, Akka.Configuration.Config? extra = null)
    {
        var config = extra is null ? EventureConfig.Sqlite(databasePath) : extra.WithFallback(EventureConfig.Sqlite(databasePath));
        using var system = ActorSystem.Create("durable", config);
        try
        {
            return await RunOnAsync(system, EventLogSettings.Create(config), ticks);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Runs (or resumes) "durable" on a system built from <paramref name="config"/>, with the log the system chooses.</summary>
    internal static async Task<(string Export, AppendTick[] Ticks)> RunOnPlainAsync(Akka.Configuration.Config config, int ticks)
    {
        using var system = ActorSystem.Create("plain", config);
        try
        {
            return await RunOnAsync(system, settings: null, ticks);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>
    /// Runs (or resumes) the "durable" simulation of two counters on <paramref name="system"/>'s journal; without
    /// <paramref name="settings"/> the simulation chooses its log (persistent on a real journal).
    /// </summary>
    internal static async Task<(string Export, AppendTick[] Ticks)> RunOnAsync(ActorSystem system, EventLogSettings? settings, int ticks, string id = "durable")
    {
        var options = new SimulationOptions
        {
            Id = id,
            Seed = 42,
            LogProps = settings is null ? null : EventLogActor.Props(id, settings),
            AskTimeout = TimeSpan.FromSeconds(30),
            RunTimeout = TimeSpan.FromSeconds(120),
        };
        options.Entities.Register<Counter>("counter");
        var sim = await Simulation.StartAsync(system, options);
        if ((await sim.GetStatusAsync()).EntityCount == 0)
        {
            await sim.SpawnAsync("c1", "counter");
            await sim.SpawnAsync("c2", "counter");
        }

        await sim.RunTicksAsync(ticks);
        var export = Export(await sim.GetLogAsync());
        var stored = await sim.Coordinator.Ask<StoredTicks>(new GetStoredTicks(0), TimeSpan.FromSeconds(30));
        await sim.StopAsync();
        return (export, [.. stored.Ticks]);
    }

    private sealed class OrphanWriter : Akka.Persistence.ReceivePersistentActor
    {
        public OrphanWriter(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<object>(_ => { });
            Command<string>(_ =>
            {
                var sender = Sender;
                Persist(new JournaledEvent(new Event(3, 0, "orphan", null, "3-ORPH-1"), null), _ => sender.Tell("done"));
            });
        }

        public override string PersistenceId { get; }
    }
}
