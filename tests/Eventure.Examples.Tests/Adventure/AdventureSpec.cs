using Eventure.Examples.Adventure;
using Eventure.Examples.Tests.Support;

namespace Eventure.Examples.Tests.Adventure;

/// <summary>The adventure as an actor simulation: the original's flow, deterministic from the seed.</summary>
public sealed class AdventureSpec
{
    [Fact]
    public async Task Two_runs_with_the_same_seed_should_export_byte_identical_logs()
    {
        var first = ExampleRun.Export(await ExampleRun.AdventureAsync());
        var second = ExampleRun.Export(await ExampleRun.AdventureAsync());

        Assert.Equal(first, second);
        Assert.True(first.Length > 1000);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task The_log_should_not_depend_on_the_dispatcher_thread_count(int threads)
    {
        var baseline = ExampleRun.Export(await ExampleRun.AdventureAsync());

        Assert.Equal(baseline, ExampleRun.Export(await ExampleRun.AdventureAsync(threads: threads)));
    }

    [Fact]
    public async Task Another_seed_should_play_another_game()
    {
        Assert.NotEqual(ExampleRun.Export(await ExampleRun.AdventureAsync(42)), ExampleRun.Export(await ExampleRun.AdventureAsync(7)));
    }

    [Fact]
    public async Task The_game_should_follow_the_original_flow_and_score()
    {
        var log = await ExampleRun.AdventureAsync();
        var query = log.CreateQuery();
        var state = AdventureState.Replay(log.Events);

        Assert.Equal(["entrance", "hallway", "chamber", "treasury"], query.GetEventsByType("player.move").Select(e => (string)e.Data["destination"]!));
        var score = Assert.Single(query.GetEventsByType("game.final_score"));
        Assert.Equal(AdventureWorld.Score(state), (long)score.Data["score"]!);
        Assert.Equal(state.Outcome, score.Data["outcome"]);
        Assert.Contains("ancient_artifact", state.Treasures);

        // Every room entry is a child of its move, one tick later (the original advanced the tick there).
        foreach (var enter in query.GetEventsByType("room.enter"))
        {
            var move = log.GetEventById(enter.ParentId!)!;
            Assert.Equal("player.move", move.Type);
            Assert.Equal(move.Tick + 1, enter.Tick);
        }

        // Combat: start and rounds are children of the encounter, one round per tick, damage under each round. The
        // player notes the encounter at once (player.noted: its own event, how it knows it is fighting), and the
        // enemy notes each strike it takes (enemy.wounded, under the damage: how it knows the round is resolved).
        foreach (var encounter in query.GetEventsByType("enemy.encounter"))
        {
            var children = query.GetChildEvents(encounter);
            var rounds = children.Where(e => e.Type == "combat.round").ToList();
            Assert.Equal(["player.noted", "combat.start", "combat.round", "combat.round", "combat.round"], children.Select(e => e.Type));
            Assert.Equal(encounter.Tick, children[0].Tick);
            Assert.Equal(encounter.Tick + 1, children[1].Tick);
            Assert.Equal([1L, 2, 3], rounds.Select(r => (long)r.Data["round"]!));
            Assert.Equal([encounter.Tick + 1, encounter.Tick + 2, encounter.Tick + 3], rounds.Select(r => r.Tick));
            Assert.All(rounds, r => Assert.Equal(
                ["combat.damage_dealt", "combat.damage_taken", "player.health_change"],
                query.GetChildEvents(r).Where(c => c.Type != "enemy.defeated").Select(c => c.Type)));
            Assert.All(rounds, r => Assert.Equal(
                ["enemy.wounded"],
                query.GetChildEvents(query.GetChildEvents(r)[0]).Select(c => c.Type)));
            Assert.Contains(query.GetChildEvents(rounds[^1]), e => e.Type == "enemy.defeated" && e.Tick == rounds[^1].Tick + 1);
        }

        // Everything the player learns from others it notes, under what it learned from and naming it; its own
        // treasure included (its tally of treasures comes from notes only).
        var learned = new[] { "room.enter", "item.discover", "treasure.found", "enemy.encounter", "enemy.defeated" };
        var notes = query.GetEventsByType("player.noted");
        Assert.All(notes, n => Assert.Equal(log.GetEventById(n.ParentId!)!.Type, n.Data["of"]));
        Assert.Equal(log.Events.Count(e => learned.Contains(e.Type)), notes.Count);
    }

    [Fact]
    public void Health_should_clamp_between_zero_and_one_hundred()
    {
        var healed = AdventureState.Apply(AdventureState.Initial, new Event(0, 0, "player.health_change", new Dictionary<string, object?> { ["amount"] = 50L }, "0-AAAA-1"));
        var dead = AdventureState.Apply(AdventureState.Initial, new Event(0, 0, "player.health_change", new Dictionary<string, object?> { ["amount"] = -500L }, "0-AAAA-2"));

        Assert.Equal(100, healed.Health);
        Assert.Equal(0, dead.Health);
    }
}
