using Eventure.Persistence.Sql;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Persistence;
using Eventure.Actors.Tests.Persistence;
using Eventure.Actors.Tests.TestEntities;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

/// <summary>
/// External input is journaled marked as input, survives the journal and its snapshots with the mark, and may not
/// use the runtime's reserved <c>entity.*</c> types.
/// </summary>
public sealed class InputSpec : TestKit
{
    [Fact]
    public async Task SendInputAsync_should_refuse_the_runtimes_reserved_types()
    {
        var sim = await Simulation.StartAsync(Sys, Options());

        var refused = await Assert.ThrowsAsync<InvalidEventTypeException>(() => sim.SendInputAsync("entity.spawned", new Dictionary<string, object?> { ["entity"] = "ghost", ["kind"] = "ghost" }));
        var direct = await Assert.ThrowsAsync<InvalidEventTypeException>(() => sim.Coordinator.Ask<object>(new SendInput("entity.despawned", EventData.Empty), TimeSpan.FromSeconds(10)));
        var accepted = await sim.SendInputAsync("entityish.news");
        await sim.RunTicksAsync(1);

        Assert.Equal("Invalid event type 'entity.spawned': the entity.* types are reserved for the runtime's own events (spawns, despawns, faults); send input under another type. (Parameter 'type')", refused.Message);
        Assert.Equal("entity.despawned", direct.EventType);
        Assert.Equal(0, accepted);
        Assert.Equal(["entityish.news"], (await sim.GetLogAsync()).Events.Select(e => e.Type));
    }

    [Fact]
    public async Task Input_should_be_marked_in_its_stored_tick_and_nothing_else_should()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("a", Props.Create(() => new Counter()), "counter");
        await sim.SendInputAsync("news.flash", new Dictionary<string, object?> { ["n"] = 1 });
        await sim.SpawnAsync("b", Props.Create(() => new Counter()), "counter");
        await sim.SendInputAsync("news.more");

        await sim.RunTicksAsync(2);
        var stored = await sim.Coordinator.Ask<StoredTicks>(new GetStoredTicks(0), TimeSpan.FromSeconds(10));

        Assert.Equal(["entity.spawned", "news.flash", "entity.spawned", "news.more", "counter.incremented", "counter.incremented"], stored.Ticks[0].Events.Select(e => e.Type));
        Assert.Equal([false, true, false, true, false, false], stored.Ticks[0].Inputs.ToArray());
        Assert.Empty(stored.Ticks[1].Inputs);
        Assert.Equal([false, true, false, true, false, false], Enumerable.Range(0, 6).Select(i => JournalInputs.IsInput(stored.Ticks[0], i)));
    }

    [Fact]
    public async Task Input_marks_should_survive_the_journal_and_its_snapshots()
    {
        using var db = new TempDatabase();
        var config = Akka.Configuration.ConfigurationFactory.ParseString("eventure.snapshot { every-ticks = 2, keep = 1 }").WithFallback(EventureConfig.Sqlite(db.Path));
        using var system = ActorSystem.Create("marks", config);
        try
        {
            var sim = await Simulation.StartAsync(system, new SimulationOptions { Id = "marks", LogProps = EventLogActor.Props("marks", EventLogSettings.Create(config)) });
            await sim.SendInputAsync("news.first");
            await sim.RunTicksAsync(2);
            await sim.SendInputAsync("news.third");
            await sim.RunTicksAsync(1);
            await AwaitAssertAsync(() => Assert.Equal(1, db.Count("select count(*) from snapshot")), TimeSpan.FromSeconds(10));

            // Ticks 0 and 1 come back from the snapshot, tick 2 from its journal entries.
            var ticks = await JournalReader.LoadTicksAsync(system, "marks");

            Assert.Equal([true], ticks[0].Inputs.ToArray());
            Assert.Empty(ticks[1].Inputs);
            Assert.Equal([true], ticks[2].Inputs.ToArray());
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void Without_marks_an_event_should_be_input_when_no_entity_published_it_and_its_type_is_not_reserved()
    {
        Event E(string type) => new(0, 0, type, null, $"0-AAAA-{type.Length}");
        var unmarked = new AppendTick(0, [E("news.flash"), E("entity.spawned"), E("counter.incremented"), E("entity.despawned")], [null, null, "c1", null], 0);
        var marked = unmarked with { Inputs = ImmutableArray.Create(false, false, false, true) };

        Assert.Equal([true, false, false, false], Enumerable.Range(0, 4).Select(i => JournalInputs.IsInput(unmarked, i)));
        Assert.Equal([true, false, false, true], Enumerable.Range(0, 4).Select(i => JournalInputs.IsInput(marked, i)));
    }
}
