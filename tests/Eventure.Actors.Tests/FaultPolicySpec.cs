using Akka.Actor;
using Eventure.Actors.Tests.TestEntities;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

/// <summary>
/// <c>eventure.entity.max-faults-per-tick</c>: an entity that reaches the limit in a tick is despawned with
/// <c>entity.despawned {cause: "faults"}</c> right after its last <c>entity.faulted</c>, in wave 0 or in a later wave;
/// what it did for the rest of that wave is dropped; the count spans the tick's waves and starts again each tick.
/// </summary>
public sealed class FaultPolicySpec
{
    private static SimulationOptions Limited(int maxFaults) =>
        Options(settings: EventureSettings.Default with { MaxFaultsPerTick = maxFaults, TickTimeout = TimeSpan.FromSeconds(10) });

    [Fact]
    public async Task An_entity_at_the_limit_on_tick_should_be_despawned_in_wave_0_right_after_its_fault()
    {
        var (export, _) = await RecordAsync(Limited(1), async sim =>
        {
            await sim.SpawnAsync("a-calm", Props.Create(() => new Talker("calm.said", 1)));
            await sim.SpawnAsync("b-fragile", Props.Create(() => new Stumbler(onTick: true, subscribe: false)), "stumbler");
            await sim.SpawnAsync("c-calm", Props.Create(() => new Talker("calm.said", 1)));
            await sim.RunTicksAsync(2);
            Assert.Equal(2, (await sim.GetStatusAsync()).EntityCount);
        });
        var log = Load(export);

        var tick0 = Without(log.GetEventsAtTick(0), "entity.spawned");
        Assert.Equal(["calm.said", "entity.faulted", "entity.despawned", "calm.said"], tick0.Select(e => e.Type));
        var (faulted, despawned) = (tick0[1], tick0[2]);
        Assert.Equal("b-fragile", faulted.Data["entity"]);
        Assert.Null(faulted.ParentId);
        Assert.Equal("b-fragile", despawned.Data["entity"]);
        Assert.Equal("stumbler", despawned.Data["kind"]);
        Assert.Equal("faults", despawned.Data["cause"]);
        Assert.Null(despawned.ParentId);
        Assert.Equal(["calm.said", "calm.said"], log.GetEventsAtTick(1).Select(e => e.Type));
    }

    [Fact]
    public async Task An_entity_at_the_limit_in_a_later_wave_should_be_despawned_after_that_fault_and_its_later_results_dropped()
    {
        var (export, _) = await RecordAsync(Limited(2), async sim =>
        {
            await sim.SpawnAsync("a-talker", Props.Create(() => new Talker("x.said", 6)));
            await sim.SpawnAsync("b-moody", Props.Create(() => new Moody()));
            await sim.SpawnAsync("c-echo", Props.Create(() => new Echo()));
            await sim.RunTicksAsync(2);
        });
        var log = Load(export);

        // Wave 0: six x.said. Wave 1, per x.said by rank (moody first, then echo): moody answers the even ones and throws
        // on the odd ones; its second fault (x.said #3) reaches the limit: despawned right after it, nothing of #4 and #5.
        var tick0 = Without(log.GetEventsAtTick(0), "entity.spawned");
        var said = tick0.Where(e => e.Type == "x.said").ToList();
        var wave1 = tick0.Skip(6).Select(e => (e.Type, Parent: said.FindIndex(s => s.Id == e.ParentId), Entity: e.Data.TryGetValue("entity", out var who) ? who : null)).ToList();
        Assert.Equal(6, said.Count);
        Assert.Equal(
            [
                ("y.moody", 0, null), ("y.echo", 0, null),
                ("entity.faulted", 1, "b-moody"), ("y.echo", 1, null),
                ("y.moody", 2, null), ("y.echo", 2, null),
                ("entity.faulted", 3, "b-moody"), ("entity.despawned", 3, "b-moody"), ("y.echo", 3, null),
                ("y.echo", 4, null),
                ("y.echo", 5, null),
            ],
            wave1);
        Assert.Equal("faults", tick0.Single(e => e.Type == "entity.despawned").Data["cause"]);
        Assert.DoesNotContain(log.GetEventsAtTick(1), e => e.Type is "y.moody" or "entity.faulted");
        Assert.Equal(6, log.GetEventsAtTick(1).Count(e => e.Type == "y.echo"));
    }

    [Fact]
    public async Task Faults_should_count_across_the_waves_of_a_tick()
    {
        var (export, _) = await RecordAsync(Limited(3), async sim =>
        {
            await sim.SpawnAsync("a-talker", Props.Create(() => new Talker("x.said", 2)));
            await sim.SpawnAsync("b-stumbler", Props.Create(() => new Stumbler(onTick: true, subscribe: true)));
            await sim.RunTicksAsync(2);
        });
        var tick0 = Without(Load(export).GetEventsAtTick(0), "entity.spawned");

        // One fault on Tick (wave 0), two on deliveries (wave 1): the third is the limit.
        Assert.Equal(["x.said", "x.said", "entity.faulted", "entity.faulted", "entity.faulted", "entity.despawned"], tick0.Select(e => e.Type));
        Assert.Equal([null, tick0[0].Id, tick0[1].Id, tick0[1].Id], tick0.Skip(2).Select(e => e.ParentId));
        Assert.Equal(["x.said", "x.said"], Load(export).GetEventsAtTick(1).Select(e => e.Type));
    }

    [Fact]
    public async Task The_count_should_start_again_every_tick()
    {
        var (export, _) = await RecordAsync(Limited(3), async sim =>
        {
            await sim.SpawnAsync("a-talker", Props.Create(() => new Talker("x.said", 1)));
            await sim.SpawnAsync("b-stumbler", Props.Create(() => new Stumbler(onTick: true, subscribe: true)));
            await sim.RunTicksAsync(4);
            Assert.Equal(2, (await sim.GetStatusAsync()).EntityCount);
        });
        var log = Load(export);

        // Two faults a tick (its Tick, and the one x.said) stay under three, tick after tick.
        Assert.All(Enumerable.Range(0, 4), tick => Assert.Equal(2, log.GetEventsAtTick(tick).Count(e => e.Type == "entity.faulted")));
        Assert.DoesNotContain(log.Events, e => e.Type == "entity.despawned");
    }

    [Fact]
    public async Task A_limit_of_zero_should_never_despawn()
    {
        var (export, _) = await RecordAsync(Limited(0), async sim =>
        {
            await sim.SpawnAsync("a-talker", Props.Create(() => new Talker("x.said", 12)));
            await sim.SpawnAsync("b-stumbler", Props.Create(() => new Stumbler(onTick: true, subscribe: true)));
            await sim.RunTicksAsync(2);
        });
        var log = Load(export);

        Assert.Equal(26, log.Events.Count(e => e.Type == "entity.faulted"));
        Assert.DoesNotContain(log.Events, e => e.Type == "entity.despawned");
    }

    private static EventLog Load(string export) => EventLog.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(export)));

    private static List<Event> Without(IEnumerable<Event> events, string type) => [.. events.Where(e => e.Type != type)];

    /// <summary>Publishes <c>type</c> <c>times</c> times every tick, with its index as <c>i</c>.</summary>
    private sealed class Talker(string type, int times) : SimulationEntity
    {
        protected override void OnTick(long tick)
        {
            for (var i = 0; i < times; i++)
            {
                Publish(type, new Dictionary<string, object?> { ["i"] = (long)i });
            }
        }
    }

    /// <summary>Throws on its Tick (if told to) and on every delivery of <c>x.*</c> (if subscribed).</summary>
    private sealed class Stumbler(bool onTick, bool subscribe) : SimulationEntity
    {
        protected override void OnStart()
        {
            if (subscribe)
            {
                Subscribe("x.*");
            }
        }

        protected override void OnTick(long tick)
        {
            if (onTick)
            {
                throw new InvalidOperationException($"{EntityId} trips on tick {tick}");
            }
        }

        protected override void OnEvent(Event e) => throw new InvalidOperationException($"{EntityId} trips on {e.Id}");
    }

    /// <summary>Answers even-numbered <c>x.*</c> events with <c>y.moody</c> and throws on odd ones.</summary>
    private sealed class Moody : SimulationEntity
    {
        protected override void OnStart() => Subscribe("x.*");

        protected override void OnEvent(Event e)
        {
            if ((long)e.Data["i"]! % 2 == 1)
            {
                throw new InvalidOperationException($"moody will not take {e.Id}");
            }

            Publish("y.moody");
        }
    }

    /// <summary>Answers every <c>x.*</c> event with <c>y.echo</c>.</summary>
    private sealed class Echo : SimulationEntity
    {
        protected override void OnStart() => Subscribe("x.*");

        protected override void OnEvent(Event e) => Publish("y.echo");
    }
}
