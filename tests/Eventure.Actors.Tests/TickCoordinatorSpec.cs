using Akka.Actor;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Tests.TestEntities;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

public sealed class TickCoordinatorSpec : TestKit
{
    [Fact]
    public async Task Barrier_should_not_start_tick_n_plus_one_before_every_entity_finished_n()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        var probe = CreateTestProbe();
        foreach (var id in new[] { "c", "a", "b" })
        {
            await sim.SpawnAsync(id, Props.Create(() => new Recorder(probe, Array.Empty<string>(), null)));
        }

        var run = sim.RunTicksAsync(3);
        var seen = new List<(string Kind, string Entity, long Tick)>();
        for (var i = 0; i < 9; i++)
        {
            seen.Add(await probe.ExpectMsgAsync<(string, string, long)>());
        }

        var completed = await run;

        Assert.Equal(new RunCompleted(2, 3), completed);
        var ticks = seen.Select(s => s.Tick).ToList();
        Assert.Equal([0L, 0, 0, 1, 1, 1, 2, 2, 2], ticks);
        Assert.Equal(["a", "b", "c"], seen.Take(3).Select(s => s.Entity).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Stopping_should_not_log_the_entities_stop_notices_as_dead_letters()
    {
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters, typeof(Akka.Event.DeadLetter));
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnManyAsync([.. Enumerable.Range(0, 20).Select(i => $"e{i}")], _ => Props.Create<Counter>());
        await sim.RunTicksAsync(2);

        await sim.StopAsync();

        // The partitions stop before their entities' notices reach them: expected, so not dead letters.
        await deadLetters.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Tick_completed_should_carry_event_counts_and_checksums()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        var watcher = CreateTestProbe();
        sim.WatchTicks(watcher);
        await sim.SpawnAsync("a", Props.Create(() => new Recorder(TestActor, Array.Empty<string>(), "ping")));
        await sim.SpawnAsync("b", Props.Create(() => new Recorder(TestActor, new[] { "ping" }, null)));

        await sim.RunTicksAsync(2);

        var first = await watcher.ExpectMsgAsync<TickCompleted>();
        var second = await watcher.ExpectMsgAsync<TickCompleted>();
        Assert.Equal(0, first.Tick);
        Assert.Equal(3, first.EventCount);   // two entity.spawned + one ping
        Assert.Equal(1, second.Tick);
        Assert.Equal(1, second.EventCount);
        Assert.NotEqual(first.Checksum, second.Checksum);
    }

    [Fact]
    public async Task Run_until_tick_and_step_should_stop_at_the_requested_tick()
    {
        var sim = await Simulation.StartAsync(Sys, Options());

        Assert.Equal(new RunCompleted(4, 5), await sim.RunUntilTickAsync(4));
        Assert.Equal(new RunCompleted(5, 1), await sim.StepAsync());
        Assert.Equal(new RunCompleted(5, 0), await sim.RunUntilTickAsync(3));
        Assert.Equal(6, (await sim.GetStatusAsync()).NextTick);
        Assert.Equal(5, (await sim.GetLogAsync()).CurrentTick);
    }

    [Fact]
    public async Task Pause_should_hold_a_run_until_resume()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        var watcher = CreateTestProbe();
        sim.WatchTicks(watcher);
        sim.Pause();

        var run = sim.RunTicksAsync(2);
        await watcher.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.False(run.IsCompleted);
        sim.Resume();

        Assert.Equal(new RunCompleted(1, 2), await run);
        Assert.Equal(0, (await watcher.ExpectMsgAsync<TickCompleted>()).Tick);
    }

    [Fact]
    public async Task Realtime_mode_should_tick_on_its_timer_until_stopped()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        var watcher = CreateTestProbe();
        sim.WatchTicks(watcher);

        sim.StartRealtime(TimeSpan.FromMilliseconds(20));
        Assert.Equal(0, (await watcher.ExpectMsgAsync<TickCompleted>()).Tick);
        Assert.Equal(1, (await watcher.ExpectMsgAsync<TickCompleted>()).Tick);
        sim.StopRealtime();
        var next = (await sim.GetStatusAsync()).NextTick;

        await watcher.AwaitAssertAsync(async () => Assert.Equal(next, (await sim.GetStatusAsync()).NextTick), TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Realtime_mode_with_an_end_tick_should_stop_after_that_tick()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        var watcher = CreateTestProbe();
        sim.WatchTicks(watcher);

        sim.StartRealtime(TimeSpan.FromMilliseconds(10), untilTick: 2);

        var ticks = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ticks.Add((await watcher.ExpectMsgAsync<TickCompleted>()).Tick);
        }

        Assert.Equal([0L, 1, 2], ticks);
        await watcher.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150));
        Assert.Equal(3, (await sim.GetStatusAsync()).NextTick);
    }

    [Fact]
    public async Task External_input_should_join_the_next_tick_in_arrival_order()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.RunTicksAsync(1);

        Assert.Equal(1, await sim.SendInputAsync("input.first", new Dictionary<string, object?> { ["n"] = 1 }));
        Assert.Equal(1, await sim.SendInputAsync("input.second"));
        await sim.RunTicksAsync(1);
        var log = await sim.GetLogAsync();

        Assert.Equal(["input.first", "input.second"], log.GetEventsAtTick(1).Select(e => e.Type));
        Assert.Equal("1-FBAB-1", log.GetEventsAtTick(1)[0].Id);
        await Assert.ThrowsAsync<InvalidEventTypeException>(() => sim.SendInputAsync("input.*"));
    }

    [Fact]
    public async Task Spawn_should_reject_a_duplicate_id_and_despawn_should_be_journaled()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("a", Props.Create(() => new Counter()), "counter");

        await Assert.ThrowsAsync<ArgumentException>(() => sim.SpawnAsync("a", Props.Create(() => new Counter()), "counter"));
        await sim.RunTicksAsync(1);
        await sim.DespawnAsync("a");
        await Assert.ThrowsAsync<ArgumentException>(() => sim.DespawnAsync("a"));
        await sim.RunTicksAsync(1);
        var log = await sim.GetLogAsync();

        Assert.Equal(["entity.spawned", "counter.incremented"], log.GetEventsAtTick(0).Select(e => e.Type));
        Assert.Equal(["entity.despawned"], log.GetEventsAtTick(1).Select(e => e.Type));
        Assert.Equal("counter", log.GetEventsAtTick(1)[0].Data["kind"]);
        Assert.Equal("external", log.GetEventsAtTick(1)[0].Data["cause"]);
    }

    [Fact]
    public async Task A_silent_entity_should_fail_the_tick_naming_it()
    {
        var settings = EventureSettings.Default with { TickTimeout = TimeSpan.FromMilliseconds(300) };
        var sim = await Simulation.StartAsync(Sys, Options(settings: settings));
        await sim.SpawnAsync("sleepy", Props.Create(() => new Misbehaving("hang")));
        await sim.SpawnAsync("awake", Props.Create(() => new Counter()));

        var error = await Assert.ThrowsAsync<SimulationException>(() => sim.RunTicksAsync(3));

        Assert.Contains("tick 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("from entity sleepy", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("awake", error.Message, StringComparison.Ordinal);
        Assert.Empty((await sim.GetLogAsync()).Events);
        await Assert.ThrowsAsync<SimulationException>(() => sim.RunTicksAsync(1));
    }
}

public sealed class PublishAtSpec : TestKit
{
    [Fact]
    public async Task A_publish_into_a_later_tick_should_join_that_tick_with_its_parent_link()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("scheduler", Props.Create(() => new Scheduler()));
        await sim.SendInputAsync("start");

        await sim.RunTicksAsync(4);
        var log = await sim.GetLogAsync();

        var start = log.GetEventsAtTick(0).Single(e => e.Type == "start");
        var delayed = Assert.Single(log.CreateQuery().GetEventsByType("delayed"));
        Assert.Equal(2, delayed.Tick);
        Assert.Equal(start.Id, delayed.ParentId);
        Assert.Empty(log.GetEventsAtTick(1));
        var printed = new StringWriter();
        log.CreateQuery().PrintEventCascade(printed, showData: false);
        Assert.Contains("  ↓ delayed (caused by: start @ tick 0)\n", printed.ToString(), StringComparison.Ordinal);
    }
}
