using Akka.Actor;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Tests.TestEntities;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

public sealed class EntityFailureSpec : TestKit
{
    [Fact]
    public async Task A_throwing_entity_should_be_recorded_as_faulted_and_the_tick_should_complete()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("fragile", Props.Create(() => new Misbehaving("throw")));
        await sim.SpawnAsync("counter", Props.Create(() => new Counter()));
        await sim.SendInputAsync("trigger");

        await EventFilter.Exception<InvalidOperationException>().ExpectOneAsync(() => sim.RunTicksAsync(2));
        var log = await sim.GetLogAsync();

        var trigger = log.GetEventsAtTick(0).Single(e => e.Type == "trigger");
        var faulted = log.GetEventsAtTick(0).Single(e => e.Type == "entity.faulted");
        Assert.Equal(trigger.Id, faulted.ParentId);
        Assert.Equal("fragile", faulted.Data["entity"]);
        Assert.Equal("InvalidOperationException", faulted.Data["exception"]);
        Assert.Equal($"cannot handle {trigger.Id}", faulted.Data["message"]);
        Assert.Equal(2L, log.GetEventsAtTick(1).Single(e => e.Type == "counter.incremented").Data["count"]);
    }

    [Fact]
    public async Task A_restarted_entity_should_rebuild_its_state_from_its_own_events()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("counter", Props.Create(() => new Counter()));
        await sim.RunTicksAsync(3);

        var counter = await Sys.ActorSelection("/user/eventure-sim/entity-counter").ResolveOne(TimeSpan.FromSeconds(5));
        await EventFilter.Exception<InvalidOperationException>().ExpectOneAsync(async () =>
        {
            counter.Tell("crash");
            await Task.CompletedTask;
        });
        await sim.RunTicksAsync(1);
        var log = await sim.GetLogAsync();

        Assert.Equal(4L, log.GetEventsAtTick(3).Single(e => e.Type == "counter.incremented").Data["count"]);
    }
}
