using Akka.Actor;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Tests.TestEntities;
using Eventure.TestSupport;
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
    public async Task A_throw_in_the_middle_of_a_wave_should_fault_that_delivery_and_still_handle_the_rest_in_order()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("picky", Props.Create(() => new Picky()));
        foreach (var n in new[] { 1, 2, 3, 4 })
        {
            await sim.SendInputAsync("job", new Dictionary<string, object?> { ["n"] = n });
        }

        // The four jobs reach "picky" in the same wave; job 2 throws, the entity restarts, jobs 3 and 4 follow.
        await EventFilter.Exception<InvalidOperationException>().ExpectOneAsync(() => sim.RunTicksAsync(1));
        var tick = (await sim.GetLogAsync()).GetEventsAtTick(0);
        var jobs = tick.Where(e => e.Type == "job").ToList();

        var faulted = Assert.Single(tick, e => e.Type == "entity.faulted");
        Assert.Equal(jobs[1].Id, faulted.ParentId);
        Assert.Equal([jobs[0].Id, jobs[2].Id, jobs[3].Id], tick.Where(e => e.Type == "job.done").Select(e => e.ParentId));
    }

    [Fact]
    public async Task A_restarted_entity_should_rebuild_its_state_from_its_own_events()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("counter", Props.Create(() => new Counter()));
        await sim.RunTicksAsync(3);

        var counter = await EntityActorAsync(Sys, "counter");
        await EventFilter.Exception<InvalidOperationException>().ExpectOneAsync(async () =>
        {
            counter.Tell("crash");
            await Task.CompletedTask;
        });
        await sim.RunTicksAsync(1);
        var log = await sim.GetLogAsync();

        Assert.Equal(4L, log.GetEventsAtTick(3).Single(e => e.Type == "counter.incremented").Data["count"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    public async Task A_restart_mid_tick_should_rebuild_the_entity_with_its_events_from_earlier_waves_of_that_tick(int tailMs)
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("tally", Props.Create(() => new Tally()));
        await sim.SpawnAsync("echo", Props.Create(() => new Echo(TimeSpan.FromMilliseconds(tailMs))));
        await sim.SendInputAsync("job");

        // Tick 0: job -> tallied (count 1, wave 1) -> boom (wave 2), which tally cannot handle: it restarts while
        // the tick goes on (echo answers the fault at once or later) or after it ended.
        await EventFilter.Exception<InvalidOperationException>().ExpectOneAsync(() => sim.RunTicksAsync(1));
        await sim.SendInputAsync("job");
        await sim.RunTicksAsync(1);
        var log = await sim.GetLogAsync();

        Assert.Equal(["job", "tallied", "boom", "entity.faulted", "noted"], log.GetEventsAtTick(0).Where(e => e.Type != "entity.spawned").Select(e => e.Type));
        Assert.Equal(2L, log.GetEventsAtTick(1).Single(e => e.Type == "tallied").Data["count"]);
    }

    [Fact]
    public async Task A_restart_should_keep_the_subscription_order_however_long_the_rest_of_the_wave_takes()
    {
        // "fragile" ranks before "steady" on both topics and throws on x. Whether steady answers x at once or
        // only after fragile's restart is done must not change who ranks first on y in the next wave.
        var quick = await RunRace(steadyDelay: TimeSpan.Zero);
        var slow = await RunRace(steadyDelay: TimeSpan.FromMilliseconds(300));

        Assert.Equal(quick, slow);
        Assert.Contains("\"by\": \"fragile\"", quick, StringComparison.Ordinal);
    }

    private static async Task<string> RunRace(TimeSpan steadyDelay)
    {
        using var system = ActorSystem.Create("race");
        try
        {
            var sim = await Simulation.StartAsync(system, Options());
            await sim.SpawnAsync("fragile", Props.Create(() => new Racer(true, TimeSpan.Zero)));
            await sim.SpawnAsync("steady", Props.Create(() => new Racer(false, steadyDelay)));
            await sim.SendInputAsync("x");
            await sim.RunTicksAsync(1);
            return Export(await sim.GetLogAsync());
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Subscribes to x and y; on x throws (fragile) or answers y after a delay; on y answers z.</summary>
    private sealed class Racer(bool throwsOnX, TimeSpan delay) : SimulationEntity
    {
        protected override void OnStart()
        {
            Subscribe("x");
            Subscribe("y");
        }

        protected override void OnEvent(Event e)
        {
            if (e.Type == "y")
            {
                Publish("z", new Dictionary<string, object?> { ["by"] = EntityId });
                return;
            }

            if (throwsOnX)
            {
                throw new InvalidOperationException("fragile");
            }

            ReplyLater.After(delay, DeferReply(), Self, reply => reply.Publish("y"));
        }

        protected override void OnOtherMessage(object message) => (message as ReplyLater)?.Run();
    }

    /// <summary>Counts jobs through its own events; cannot handle boom.</summary>
    private sealed class Tally : SimulationEntity
    {
        private long _count;

        protected override void OnStart()
        {
            Subscribe("job");
            Subscribe("boom");
        }

        protected override void OnEvent(Event e)
        {
            if (e.Type == "boom")
            {
                throw new InvalidOperationException("boom");
            }

            Publish("tallied", new Dictionary<string, object?> { ["count"] = _count + 1 });
        }

        protected override void Apply(Event e) => _count = (long)e.Data["count"]!;

        protected override long StateChecksum() => _count;
    }

    /// <summary>Answers tallied with boom, and a fault with noted after <c>delay</c>.</summary>
    private sealed class Echo(TimeSpan delay) : SimulationEntity
    {
        protected override void OnStart()
        {
            Subscribe("tallied");
            Subscribe("entity.faulted");
        }

        protected override void OnEvent(Event e)
        {
            if (e.Type == "tallied")
            {
                Publish("boom");
                return;
            }

            ReplyLater.After(delay, DeferReply(), Self, reply => reply.Publish("noted"));
        }

        protected override void OnOtherMessage(object message) => (message as ReplyLater)?.Run();
    }

    /// <summary>Answers every job with job.done, except job 2, which it cannot handle.</summary>
    private sealed class Picky : SimulationEntity
    {
        protected override void OnStart() => Subscribe("job");

        protected override void OnEvent(Event e)
        {
            if ((long)e.Data["n"]! == 2)
            {
                throw new InvalidOperationException("job 2");
            }

            Publish("job.done");
        }
    }
}
