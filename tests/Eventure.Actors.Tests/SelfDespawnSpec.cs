using Akka.Actor;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Tests.TestEntities;
using Eventure.TestSupport;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

/// <summary>
/// An entity that calls <c>Despawn()</c> leaves at a point fixed by the cascade, not by timing: its
/// <c>entity.despawned</c> follows its own publishes, it receives nothing from the next wave on, and it is gone
/// before the next tick, in every run, on any number of threads and after a resume.
/// </summary>
public sealed class SelfDespawnSpec : TestKit
{
    [Fact]
    public async Task An_entity_that_despawns_on_tick_should_leave_after_its_publishes_and_get_nothing_more()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        var probe = CreateTestProbe();
        await sim.SpawnAsync("pinger", Props.Create(() => new Pinger()), "pinger");
        await sim.SpawnAsync("quitter", Props.Create(() => new Quitter(probe, 1)), "quitter");
        var quitter = await EntityActorAsync(Sys, "quitter");
        Watch(quitter);

        await sim.RunTicksAsync(3);
        var log = await sim.GetLogAsync();

        Assert.Equal(["ping", "bye", "entity.despawned"], log.GetEventsAtTick(1).Select(e => e.Type));
        var despawned = log.GetEventsAtTick(1)[2];
        Assert.Equal("quitter", despawned.Data["entity"]);
        Assert.Equal("quitter", despawned.Data["kind"]);
        Assert.Equal("self", despawned.Data["cause"]);
        Assert.Null(despawned.ParentId);
        Assert.Equal(["ping"], log.GetEventsAtTick(2).Select(e => e.Type));
        await ExpectTerminatedAsync(quitter);

        // Tick 0 saw the tick and the ping; tick 1 only the tick (it left before wave 0 was delivered).
        Assert.Equal(("tick", 0L), await probe.ExpectMsgAsync<(string, long)>());
        Assert.Equal(("ping", 0L), await probe.ExpectMsgAsync<(string, long)>());
        Assert.Equal(("tick", 1L), await probe.ExpectMsgAsync<(string, long)>());
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, (await sim.GetStatusAsync()).EntityCount);

        // The id is free again.
        await sim.SpawnAsync("quitter", Props.Create(() => new Quitter(ActorRefs.Nobody, 99)), "quitter");
        Assert.Equal(2, (await sim.GetStatusAsync()).EntityCount);
    }

    [Fact]
    public async Task An_entity_that_despawns_while_handling_should_be_journaled_as_caused_by_that_event_and_miss_later_waves()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("starter", Props.Create(() => new Starter()));
        await sim.SpawnAsync("quitter", Props.Create(() => new QuitsOn("a", deferred: false)), "quitter");
        await sim.SpawnAsync("relay", Props.Create(() => new Relay()));
        await sim.SpawnAsync("undertaker", Props.Create(() => new Undertaker()));

        await sim.RunTicksAsync(2);
        var tick0 = (await sim.GetLogAsync()).GetEventsAtTick(0).Where(e => e.Type != "entity.spawned").ToList();

        // Wave 0: a; wave 1: quitter's reply, its despawn, relay's b (parent a, by rank); wave 2: the undertaker.
        Assert.Equal(["a", "a.reply", "entity.despawned", "b", "buried"], tick0.Select(e => e.Type));
        var (a, reply, despawned, b, buried) = (tick0[0], tick0[1], tick0[2], tick0[3], tick0[4]);
        Assert.Equal(a.Id, reply.ParentId);
        Assert.Equal(a.Id, despawned.ParentId);
        Assert.Equal(a.Id, b.ParentId);
        Assert.Equal(despawned.Id, buried.ParentId);
        Assert.Equal("quitter", despawned.Data["entity"]);
        Assert.Equal("self", despawned.Data["cause"]);

        // The quitter was subscribed to b too, but left at the end of wave 1: no b.reply, and no tick 1 for it.
        Assert.Equal(["a", "b"], (await sim.GetLogAsync()).GetEventsAtTick(1).Select(e => e.Type));
        Assert.Equal(3, (await sim.GetStatusAsync()).EntityCount);
    }

    [Fact]
    public async Task A_deferred_reply_should_despawn_after_what_it_publishes()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("starter", Props.Create(() => new Starter()));
        await sim.SpawnAsync("quitter", Props.Create(() => new QuitsOn("a", deferred: true)), "quitter");

        await sim.RunTicksAsync(2);
        var log = await sim.GetLogAsync();
        var tick0 = log.GetEventsAtTick(0).Where(e => e.Type != "entity.spawned").ToList();

        Assert.Equal(["a", "a.reply", "late", "entity.despawned"], tick0.Select(e => e.Type));
        Assert.All(tick0.Skip(1), e => Assert.Equal(tick0[0].Id, e.ParentId));
        Assert.Equal(["a"], log.GetEventsAtTick(1).Select(e => e.Type));
        Assert.Equal(1, (await sim.GetStatusAsync()).EntityCount);
    }

    [Fact]
    public async Task Despawn_outside_a_handler_should_throw_a_clear_error()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("quitter", Props.Create(() => new Quitter(TestActor, 99)));
        var quitter = await EntityActorAsync(Sys, "quitter");

        quitter.Tell("despawn now");

        var error = await ExpectMsgAsync<InvalidOperationException>();
        Assert.Contains("Despawn can only be called while handling a tick or an event", error.Message, StringComparison.Ordinal);
        await sim.RunTicksAsync(1);
        Assert.Equal(1, (await sim.GetStatusAsync()).EntityCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_battle_with_entities_despawning_mid_cascade_should_log_the_same_on_any_thread_count(int threads)
    {
        var (baseline, left) = await RunBattle(null, Battle(12));
        var (other, otherLeft) = await RunBattle(threads, Battle(12));

        var deaths = baseline.Split('\n').Count(line => line.Contains("\"entity.despawned\"", StringComparison.Ordinal));
        Assert.InRange(deaths, 10, Mortals - 1);
        Assert.Equal(Mortals + Attackers - deaths, left);
        Assert.Equal(baseline, other);
        Assert.Equal(left, otherLeft);
    }

    [Fact]
    public async Task A_battle_resumed_from_its_log_should_continue_exactly_like_a_straight_run()
    {
        var (straight, straightLeft) = await RunBattle(null, Battle(12));

        var log = Sys.ActorOf(InMemoryEventLogActor.Props(), "kept-battle-log");
        var first = await Simulation.StartAsync(Sys, BattleOptions("first", log));
        await Spawn(first);
        await first.RunTicksAsync(6);
        var beforeStop = (await first.GetStatusAsync()).EntityCount;
        await first.StopAsync();

        var second = await Simulation.StartAsync(Sys, BattleOptions("second", log));
        Assert.Equal(beforeStop, (await second.GetStatusAsync()).EntityCount);
        Assert.True(beforeStop < Mortals + Attackers, $"someone should have died by tick 5 ({beforeStop} left)");
        await second.RunTicksAsync(6);

        Assert.Equal(straight, Export(await second.GetLogAsync()));
        Assert.Equal(straightLeft, (await second.GetStatusAsync()).EntityCount);
    }

    private const int Mortals = 30;
    private const int Attackers = 3;

    private static Func<Simulation, Task> Battle(int ticks) => async sim =>
    {
        await Spawn(sim);
        await sim.RunTicksAsync(ticks);
    };

    private static async Task Spawn(Simulation sim)
    {
        await sim.SpawnManyAsync(Enumerable.Range(0, Attackers).Select(i => $"attacker-{i}"), _ => Props.Create(() => new Attacker()), "attacker");
        await sim.SpawnManyAsync(Enumerable.Range(0, Mortals).Select(i => $"m{i:D2}"), _ => Props.Create(() => new Mortal()), "mortal");
    }

    private static SimulationOptions BattleOptions(string id, IActorRef? log = null)
    {
        var options = Options(id: id, log: log);
        options.Entities.Register<Attacker>("attacker").Register<Mortal>("mortal");
        return options;
    }

    private static async Task<(string Export, int Left)> RunBattle(int? threads, Func<Simulation, Task> scenario)
    {
        using var system = threads is { } n ? ActorSystem.Create("battle", WithThreads(n)) : ActorSystem.Create("battle");
        try
        {
            var sim = await Simulation.StartAsync(system, BattleOptions("battle"));
            await scenario(sim);
            return (Export(await sim.GetLogAsync()), (await sim.GetStatusAsync()).EntityCount);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Publishes a ping every tick.</summary>
    private sealed class Pinger : SimulationEntity
    {
        protected override void OnTick(long tick) => Publish("ping");
    }

    /// <summary>Reports ticks and pings to a probe; says bye and despawns at <c>leaveAt</c>.</summary>
    private sealed class Quitter(IActorRef probe, long leaveAt) : SimulationEntity
    {
        protected override void OnStart() => Subscribe("ping");

        protected override void OnTick(long tick)
        {
            probe.Tell(("tick", tick));
            if (tick == leaveAt)
            {
                Publish("bye");
                Despawn();
            }
        }

        protected override void OnEvent(Event e) => probe.Tell((e.Type, e.Tick));

        protected override void OnOtherMessage(object message)
        {
            try
            {
                Despawn();
            }
            catch (InvalidOperationException ex)
            {
                probe.Tell(ex);
            }
        }
    }

    private sealed class Starter : SimulationEntity
    {
        protected override void OnTick(long tick) => Publish("a");
    }

    /// <summary>Answers <c>trigger</c> and despawns (inline, or from a deferred reply after an asynchronous step).</summary>
    private sealed class QuitsOn(string trigger, bool deferred) : SimulationEntity
    {
        protected override void OnStart()
        {
            Subscribe(trigger);
            Subscribe("b");
        }

        protected override void OnEvent(Event e)
        {
            Publish($"{e.Type}.reply");
            if (!deferred)
            {
                Despawn();
                return;
            }

            ReplyLater.After(TimeSpan.FromMilliseconds(20), DeferReply(), Self, reply =>
            {
                reply.Publish("late");
                reply.Despawn();
            });
        }

        protected override void OnOtherMessage(object message) => (message as ReplyLater)?.Run();
    }

    private sealed class Relay : SimulationEntity
    {
        protected override void OnStart() => Subscribe("a");

        protected override void OnEvent(Event e) => Publish("b");
    }

    private sealed class Undertaker : SimulationEntity
    {
        protected override void OnStart() => Subscribe("entity.despawned");

        protected override void OnEvent(Event e) => Publish("buried", new Dictionary<string, object?> { ["who"] = e.Data["entity"] });
    }

    /// <summary>Strikes two random mortals every tick.</summary>
    private sealed class Attacker : SimulationEntity
    {
        protected override void OnTick(long tick)
        {
            for (var i = 0; i < 2; i++)
            {
                Publish("strike", new Dictionary<string, object?> { ["target"] = $"m{Random.Next(Mortals):D2}", ["damage"] = (long)Random.Next(1, 6) });
            }
        }
    }

    /// <summary>
    /// Takes strikes aimed at it, dies (and despawns) at zero hit points; mourns others, which is a further wave,
    /// and sometimes answers a mourning with a strike of its own, so deaths also happen deep in a cascade.
    /// </summary>
    private sealed class Mortal : SimulationEntity
    {
        private long _hp = 8;

        protected override void OnStart()
        {
            Subscribe("strike");
            Subscribe("mortal.*");
        }

        protected override void OnEvent(Event e)
        {
            switch (e.Type)
            {
                case "strike" when (string)e.Data["target"]! == EntityId:
                    var hp = _hp - (long)e.Data["damage"]!;
                    Publish("mortal.hurt", new Dictionary<string, object?> { ["who"] = EntityId, ["hp"] = hp });
                    if (hp <= 0)
                    {
                        Publish("mortal.died", new Dictionary<string, object?> { ["who"] = EntityId });
                        Despawn();
                    }

                    break;
                case "mortal.died" when Random.Next(10) == 0:
                    Publish("strike", new Dictionary<string, object?> { ["target"] = $"m{Random.Next(Mortals):D2}", ["damage"] = 3L });
                    break;
            }
        }

        protected override void Apply(Event e)
        {
            if (e.Type == "mortal.hurt")
            {
                _hp = (long)e.Data["hp"]!;
            }
        }

        protected override long StateChecksum() => _hp;
    }
}
