using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors.Tests.Persistence;
using Eventure.Persistence.Sql;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

/// <summary>
/// An id spawned again after its entity left is a new entity: rebuilding it (after a fault, or on a resume that starts
/// from a snapshot it is in) folds only its own events since its latest <c>entity.spawned</c>, never those of the
/// entity that had the id before. (Found by the chaos suite: a resumed run went on with both lives' counts.)
/// </summary>
public sealed class RespawnHistorySpec
{
    [Fact]
    public async Task A_respawned_entity_rebuilt_after_a_fault_should_fold_only_its_own_life()
    {
        var (export, _) = await RecordAsync(PhoenixOptions("sim", faultAt: 6), async sim =>
        {
            await sim.SpawnAsync("phoenix", "phoenix");
            await sim.RunTicksAsync(4);
            await sim.SpawnAsync("phoenix", "phoenix");
            await sim.RunTicksAsync(6);
        });

        // First life: ticks 0-2 (beats 1-3, then it leaves). Second life from tick 4; tick 6 throws and it is rebuilt.
        Assert.Equal(
            [(0L, 1L), (1, 2), (2, 3), (4, 1), (5, 2), (7, 3), (8, 4), (9, 5)],
            Beats(export));
    }

    [Fact]
    public async Task A_respawned_entity_that_faults_in_the_tick_it_joins_should_fold_only_its_own_life()
    {
        // Found by the chaos suite (seed 101): rebuilt before its entity.spawned was stored, it took the first life's events.
        var (export, _) = await RecordAsync(PhoenixOptions("sim", faultAt: 4), async sim =>
        {
            await sim.SpawnAsync("phoenix", "phoenix");
            await sim.RunTicksAsync(4);
            await sim.SpawnAsync("phoenix", "phoenix");
            await sim.RunTicksAsync(3);
        });

        Assert.Equal([(0L, 1L), (1, 2), (2, 3), (5, 1), (6, 2)], Beats(export));
    }

    [Fact]
    public async Task A_respawned_entity_resumed_from_a_snapshot_should_fold_only_its_own_life()
    {
        using var db = new TempDatabase();
        var config = ConfigurationFactory.ParseString("eventure.snapshot { every-ticks = 2, growth = 1.0 }").WithFallback(EventureConfig.Sqlite(db.Path));
        using (var system = ActorSystem.Create("first", config))
        {
            var sim = await Simulation.StartAsync(system, PhoenixOptions("durable", faultAt: -1));
            await sim.SpawnAsync("phoenix", "phoenix");
            await sim.RunTicksAsync(4);
            await sim.SpawnAsync("phoenix", "phoenix");
            await sim.RunTicksAsync(5);
            await sim.StopAsync();
            await system.Terminate();
        }

        Assert.True(db.Count("select count(*) from snapshot") > 0, "the resume should start from a snapshot");
        string export;
        using (var system = ActorSystem.Create("second", config))
        {
            var sim = await Simulation.StartAsync(system, PhoenixOptions("durable", faultAt: -1));
            await sim.RunTicksAsync(2);
            export = Export(await sim.GetLogAsync());
            await sim.StopAsync();
            await system.Terminate();
        }

        // Stopped after tick 8, resumed at tick 9 from the snapshot of tick 7 or 8.
        Assert.Equal([(0L, 1L), (1, 2), (2, 3), (4, 1), (5, 2), (6, 3), (7, 4), (8, 5), (9, 6), (10, 7)], Beats(export));
    }

    private static SimulationOptions PhoenixOptions(string id, long faultAt)
    {
        var options = Options(id: id);
        options.Entities.Register("phoenix", typeof(Phoenix), () => Props.Create(() => new Phoenix(faultAt)));
        return options;
    }

    private static List<(long Tick, long Count)> Beats(string export) =>
        [.. EventLog.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(export))).Events.Where(e => e.Type == "phoenix.beat").Select(e => (e.Tick, (long)e.Data["count"]!))];

    /// <summary>Beats every tick, counting its own beats; leaves at tick 2 and throws at tick <c>faultAt</c>.</summary>
    public sealed class Phoenix(long faultAt) : SimulationEntity
    {
        private long _beats;

        protected override void OnTick(long tick)
        {
            if (tick == faultAt)
            {
                throw new InvalidOperationException("the phoenix stumbles");
            }

            Publish("phoenix.beat", new Dictionary<string, object?> { ["count"] = _beats + 1 });
            if (tick == 2)
            {
                Despawn();
            }
        }

        protected override void Apply(Event e) => _beats++;

        protected override long StateChecksum() => _beats;
    }
}
