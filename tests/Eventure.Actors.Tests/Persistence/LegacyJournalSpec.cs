using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Eventure.Actors.Persistence;
using Eventure.Actors.Tests.TestEntities;
using Eventure.Persistence.Sql;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests.Persistence;

/// <summary>
/// Journals written before rows existed (an <c>ev2</c> entry per event and a <c>tick1</c> marker per tick, as main
/// wrote them until 2026-12-01) still resume, read and verify: old manifests stay readable.
/// </summary>
public sealed class LegacyJournalSpec
{
    private const string Id = "legacy";

    [Fact]
    public async Task A_journal_of_event_entries_and_tick_markers_should_resume_to_the_straight_runs_export()
    {
        var (straight, ticks) = await RecordInMemoryAsync(12);
        using var db = new TempDatabase();
        await WriteLegacyAsync(db.Path, ticks.Take(7));

        using var system = ActorSystem.Create("legacy", EventureConfig.Sqlite(db.Path));
        try
        {
            var sim = await Simulation.StartAsync(system, Options(system));
            Assert.Equal(7, (await sim.GetStatusAsync()).NextTick);
            await sim.RunTicksAsync(5);

            Assert.Equal(straight, Export(await sim.GetLogAsync()));
            await sim.StopAsync();
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task Checking_stored_rows_should_say_which_old_ticks_had_no_digest_to_check()
    {
        var (_, ticks) = await RecordInMemoryAsync(6);
        using var db = new TempDatabase();
        await WriteLegacyAsync(db.Path, ticks.Take(4));
        using (var system = ActorSystem.Create("legacy", EventureConfig.Sqlite(db.Path)))
        {
            var sim = await Simulation.StartAsync(system, Options(system));
            await sim.RunTicksAsync(2);
            await sim.StopAsync();
            await system.Terminate();
        }

        using var reader = ActorSystem.Create("reader", EventureConfig.SqliteReadOnly(db.Path));
        var result = await SimulationVerifier.VerifyStoredAsync(reader, Id);
        await reader.Terminate();

        Assert.True(result.IsDeterministic);
        Assert.Equal(4, result.TicksUnchecked);
        Assert.Equal(2, result.TicksVerified);
    }

    private static SimulationOptions Options(ActorSystem system)
    {
        var options = SimulationFixture.Options(Id);
        var durable = new SimulationOptions
        {
            Id = Id,
            Seed = options.Seed,
            LogProps = EventLogActor.Props(Id, EventLogSettings.Create(system.Settings.Config)),
            AskTimeout = options.AskTimeout,
            RunTimeout = options.RunTimeout,
        };
        durable.Entities.Register<Trader>("trader");
        return durable;
    }

    private static async Task<(string Export, IReadOnlyList<AppendTick> Ticks)> RecordInMemoryAsync(int ticks)
    {
        using var system = ActorSystem.Create("straight");
        try
        {
            var sim = await Simulation.StartAsync(system, SimulationFixture.Options(Id));
            for (var i = 0; i < 12; i++)
            {
                await sim.SpawnAsync($"trader-{i:D2}", Props.Create(() => new Trader()), "trader");
            }

            await sim.RunTicksAsync(ticks);
            var stored = await sim.Coordinator.Ask<StoredTicks>(new GetStoredTicks(0), TimeSpan.FromSeconds(20));
            return (Export(await sim.GetLogAsync()), stored.Ticks);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Writes <paramref name="ticks"/> the way the journal was written before rows: an entry per event, then a tick1 marker.</summary>
    private static async Task WriteLegacyAsync(string db, IEnumerable<AppendTick> ticks)
    {
        using var system = ActorSystem.Create("writer", EventureConfig.Sqlite(db));
        try
        {
            var writer = system.ActorOf(Props.Create(() => new LegacyWriter(EventLogActor.PersistenceIdOf(Id))));
            foreach (var tick in ticks)
            {
                Assert.Equal(tick.Tick, await writer.Ask<long>(tick, TimeSpan.FromSeconds(20)));
            }
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Persists ticks as main did before rows: <c>PersistAll</c> of one entry per event and a version-1 marker.</summary>
    private sealed class LegacyWriter : ReceivePersistentActor
    {
        public LegacyWriter(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<AppendTick>(tick =>
            {
                var entries = tick.Events.Select((e, i) => (object)new Tagged(new JournaledEvent(e, tick.Sources[i]), [e.Type]))
                    .Append(new Tagged(new TickMarker(tick.Tick, tick.Events.Length, tick.Checksum), [EventLogActor.TickTag]))
                    .ToList();
                var sender = Sender;
                var remaining = entries.Count;
                PersistAll(entries, _ =>
                {
                    if (--remaining == 0)
                    {
                        sender.Tell(tick.Tick);
                    }
                });
            });
        }

        public override string PersistenceId { get; }
    }
}
