using Akka.Actor;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Tests.TestEntities;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

public sealed class ResumeSpec : TestKit
{
    [Fact]
    public async Task A_simulation_resumed_from_its_log_should_continue_exactly_like_a_straight_run()
    {
        var straight = await RunStraight(20);

        var log = Sys.ActorOf(InMemoryEventLogActor.Props(), "kept-log");
        var first = await Simulation.StartAsync(Sys, Options(id: "first", log: log).WithCounters());
        await first.SpawnAsync("c1", "counter");
        await first.SpawnAsync("c2", "counter");
        await first.RunTicksAsync(10);
        await first.StopAsync();

        var second = await Simulation.StartAsync(Sys, Options(id: "second", log: log).WithCounters());
        Assert.Equal(10, (await second.GetStatusAsync()).NextTick);
        Assert.Equal(2, (await second.GetStatusAsync()).EntityCount);
        await second.RunTicksAsync(10);
        var resumed = Export(await second.GetLogAsync());

        Assert.Equal(straight, resumed);
        Assert.Contains("\"count\": 20", resumed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_with_an_unregistered_kind_should_fail_with_a_clear_error()
    {
        var log = Sys.ActorOf(InMemoryEventLogActor.Props(), "kept-log-2");
        var first = await Simulation.StartAsync(Sys, Options(id: "first", log: log).WithCounters());
        await first.SpawnAsync("c1", "counter");
        await first.RunTicksAsync(1);
        await first.StopAsync();

        var error = await Assert.ThrowsAsync<SimulationException>(() => Simulation.StartAsync(Sys, Options(id: "second", log: log)));

        Assert.Contains("entity 'c1' has kind 'counter', which is not registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_when_an_entity_fails_to_start_should_stop_the_simulation_naming_it()
    {
        var log = Sys.ActorOf(InMemoryEventLogActor.Props(), "kept-log-3");
        var first = await Simulation.StartAsync(Sys, Options(id: "first", log: log).WithCounters());
        await first.SpawnManyAsync(["c1", "c2", "c3"], _ => Props.Create(() => new Counter()), "counter");
        await first.RunTicksAsync(2);
        await first.StopAsync();

        // The same kind now builds an entity that cannot start: the rebuilt population is all or nothing.
        var options = Options(id: "second", log: log);
        options.Entities.Register("counter", typeof(Counter), () => Props.Create(() => new RefusesToStart()));
        var error = await Assert.ThrowsAsync<SimulationException>(() => Simulation.StartAsync(Sys, options));

        Assert.Contains("cannot resume: Entity 'c1' failed to start: InvalidOperationException: not today", error.Message, StringComparison.Ordinal);
    }

    private sealed class RefusesToStart : SimulationEntity
    {
        protected override void OnStart() => throw new InvalidOperationException("not today");
    }

    private async Task<string> RunStraight(int ticks)
    {
        var sim = await Simulation.StartAsync(Sys, Options(id: "straight").WithCounters());
        await sim.SpawnAsync("c1", "counter");
        await sim.SpawnAsync("c2", "counter");
        await sim.RunTicksAsync(ticks);
        var export = Export(await sim.GetLogAsync());
        await sim.StopAsync();
        return export;
    }
}

internal static class CounterOptions
{
    public static SimulationOptions WithCounters(this SimulationOptions options)
    {
        options.Entities.Register<Counter>("counter");
        return options;
    }
}
