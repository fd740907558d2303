using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;
using Eventure.Examples.Adventure;

namespace Eventure.Examples.Tests.Adventure;

/// <summary>
/// The ends of a fight the scripted game never reaches (with the script's two fights the player cannot die): the player
/// against an enemy that never stops, and an enemy whose fight the game's end interrupts. Each against a stand-in.
/// </summary>
public sealed class CombatSpec
{
    [Fact]
    public async Task The_player_should_die_end_the_game_in_defeat_and_fight_no_more_when_its_health_runs_out()
    {
        var log = await RunAsync(("player", Props.Create<PlayerEntity>()), ("troll", Props.Create<Troll>()));
        var query = log.CreateQuery();

        var end = Assert.Single(query.GetEventsByType("game.end"));
        Assert.Equal("defeat", end.Data["outcome"]);
        var death = Assert.Single(query.GetEventsByType("player.death"));
        Assert.Equal(end.ParentId, death.ParentId);
        var score = Assert.Single(query.GetEventsByType("game.final_score"));
        Assert.Equal(("defeat", 0L, 0L), ((string)score.Data["outcome"]!, (long)score.Data["health_remaining"]!, (long)score.Data["score"]!));
        Assert.Equal(0, AdventureState.Replay(log.Events).Health);
        Assert.DoesNotContain(log.Events, e => e.Type == "combat.damage_taken" && e.Tick > end.Tick);
        Assert.Contains(log.Events, e => e.Type == "combat.round" && e.Tick > end.Tick); // the troll went on; the player did not
    }

    [Fact]
    public async Task An_enemy_should_stop_fighting_when_the_game_ends_during_its_fight()
    {
        var log = await RunAsync(("enemy-goblin", Props.Create<EnemyEntity>()), ("hero", Props.Create<Hero>()));
        var query = log.CreateQuery();

        Assert.Equal([1L, 2], query.GetEventsByType("combat.round").Select(r => (long)r.Data["round"]!));
        Assert.Equal([90L, 80], query.GetEventsByType("enemy.wounded").Select(w => (long)w.Data["health"]!));
        var stop = Assert.Single(query.GetEventsByType("combat.end"));
        Assert.Equal("game.end", log.GetEventById(stop.ParentId!)!.Type);
        Assert.Empty(query.GetEventsByType("enemy.defeated"));
    }

    private static async Task<EventLog> RunAsync(params (string Id, Props Props)[] entities)
    {
        using var system = ActorSystem.Create("combat", EventureConfig.WithDefaults(ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
        try
        {
            var sim = await Simulation.StartAsync(system, new SimulationOptions { Id = "combat", Seed = 42 });
            foreach (var (id, props) in entities)
            {
                await sim.SpawnAsync(id, props);
            }

            await sim.RunTicksAsync(40);
            return await sim.GetLogAsync();
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Appears at tick 1 and starts a round every tick from 2 on, whatever happens.</summary>
    private sealed class Troll : SimulationEntity
    {
        protected override void OnTick(long tick)
        {
            if (tick == 1)
            {
                Publish("enemy.encounter", new Dictionary<string, object?> { ["enemy"] = "troll" });
            }
            else if (tick > 1)
            {
                Publish("combat.round", new Dictionary<string, object?> { ["enemy"] = "troll", ["round"] = tick - 1 });
            }
        }
    }

    /// <summary>Meets the goblin at tick 1, strikes it for 10 in every round, and ends the game in round 2.</summary>
    private sealed class Hero : SimulationEntity
    {
        protected override void OnStart() => Subscribe("combat.round");

        protected override void OnTick(long tick)
        {
            if (tick == 1)
            {
                Publish("enemy.encounter", new Dictionary<string, object?> { ["enemy"] = "goblin" });
            }
        }

        protected override void OnEvent(Event e)
        {
            Publish("combat.damage_dealt", new Dictionary<string, object?> { ["enemy"] = "goblin", ["amount"] = 10L });
            if ((long)e.Data["round"]! == 2)
            {
                Publish("game.end", new Dictionary<string, object?> { ["outcome"] = "defeat" });
            }
        }
    }
}
