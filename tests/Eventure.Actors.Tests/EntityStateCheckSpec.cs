using Akka.Actor;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Persistence;

namespace Eventure.Actors.Tests;

/// <summary>
/// <see cref="EntityStateCheck"/>: each entity's live state beside the state its own <c>Apply</c> folds from the events it
/// published, as read back from the journal. Equal for a pure state; different for one that also depends on what
/// the entity heard from others; none either way for a plain entity.
/// </summary>
public sealed class EntityStateCheckSpec : TestKit
{
    [Fact]
    public async Task A_pure_state_should_equal_its_rebuild_and_a_plain_entity_should_report_none()
    {
        var sim = await StartAsync();
        await sim.SpawnAsync("echo", Props.Create(() => new Echo()));
        await sim.SpawnAsync("tally", Props.Create(() => new Tally()));
        await sim.RunTicksAsync(3);

        var states = await EntityStateCheck.CompareAsync(Sys, sim, TimeSpan.FromSeconds(20));

        Assert.Equal(
            [new EntityStateComparison("echo", "Echo", null, null), new EntityStateComparison("tally", "Tally", "{\"Heard\":3}", "{\"Heard\":3}")],
            states.ToArray());
    }

    [Fact]
    public async Task A_state_that_depends_on_more_than_its_own_events_should_differ_from_its_rebuild()
    {
        var sim = await StartAsync();
        await sim.SpawnAsync("echo", Props.Create(() => new Echo()));
        await sim.SpawnAsync("gossip", Props.Create(() => new Gossip()));
        await sim.RunTicksAsync(3);

        var gossip = Assert.Single(await EntityStateCheck.CompareAsync(Sys, sim, TimeSpan.FromSeconds(20)), s => s.EntityId == "gossip");

        Assert.Equal("{\"Heard\":6}", gossip.Live); // 1 + 2 + 3: each retold event counted everything heard so far
        Assert.Equal("{\"Heard\":9}", gossip.Rebuilt); // 3 + 3 + 3: the fold, run now, sees everything heard by now
    }

    private Task<Simulation> StartAsync() =>
        Simulation.StartAsync(Sys, new SimulationOptions { Id = "states", Seed = 42, LogProps = EventLogActor.Props("states"), AskTimeout = TimeSpan.FromSeconds(20) });

    public sealed record Count(long Heard);

    /// <summary>Says "ping" every tick; no state.</summary>
    private sealed class Echo : SimulationEntity
    {
        protected override void OnTick(long tick) => Publish("ping");
    }

    /// <summary>Counts the pings it heard, by publishing a count each time: a pure fold of its own events.</summary>
    private sealed class Tally : SimulationEntity<Count>
    {
        protected override Count InitialState => new(0);

        protected override void OnStart() => Subscribe("ping");

        protected override void OnEvent(Event e) => Publish("tally.counted", new Dictionary<string, object?> { ["heard"] = Projected.Heard + 1 });

        protected override Count Apply(Count state, Event e) => new((long)e.Data["heard"]!);
    }

    /// <summary>Retells each ping, but its Apply also reads a field it keeps outside its state: not a fold of its own events.</summary>
    private sealed class Gossip : SimulationEntity<Count>
    {
        private long _heard;

        protected override Count InitialState => new(0);

        protected override void OnStart() => Subscribe("ping");

        protected override void OnEvent(Event e)
        {
            _heard++;
            Publish("gossip.retold");
        }

        protected override Count Apply(Count state, Event e) => new(state.Heard + _heard);
    }
}
