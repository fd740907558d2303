using Eventure.Examples;
using Eventure.Examples.Adventure;

namespace Eventure.Examples.Tests.Adventure;

public sealed class AdventureGameTests
{
    [Fact]
    public void Adventure_should_write_byte_identical_logs_when_run_twice_with_the_same_seed()
    {
        var first = Export(Play(42));
        var second = Export(Play(42));

        Assert.Equal(first, second);
        Assert.NotEmpty(first);
    }

    [Fact]
    public void Adventure_should_differ_when_the_seed_differs()
    {
        Assert.NotEqual(Export(Play(42)), Export(Play(7)));
    }

    [Fact]
    public void Replay_should_rebuild_the_final_state_from_the_saved_log_alone()
    {
        var game = Play(42);
        var path = Path.Combine(Path.GetTempPath(), $"adventure-{Guid.NewGuid():N}.jsonl");
        try
        {
            game.Log.SaveToFile(path);
            var replayed = AdventureState.Replay(EventLog.LoadFromFile(path).Events);

            Assert.Equal(game.State.Health, replayed.Health);
            Assert.Equal(game.State.Inventory, replayed.Inventory);
            Assert.Equal(game.State.Treasures, replayed.Treasures);
            Assert.Equal(game.State.EnemiesDefeated, replayed.EnemiesDefeated);
            Assert.Equal("victory", replayed.Outcome);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Final_score_should_follow_the_original_formula()
    {
        var game = Play(42);
        var score = game.Log.CreateQuery().GetEventsByType("game.final_score").Single();
        var state = game.State;

        Assert.Equal((100 * state.EnemiesDefeated) + (200 * state.Treasures.Count) + state.Health, (long)score.Data["score"]!);
        Assert.Equal(state.Outcome, score.Data["outcome"]);
    }

    [Fact]
    public void Every_room_entry_should_be_a_later_tick_child_of_its_move()
    {
        var game = Play(42);
        foreach (var enter in game.Log.CreateQuery().GetEventsByType("room.enter"))
        {
            var move = game.Log.GetEventById(enter.ParentId!)!;
            Assert.Equal("player.move", move.Type);
            Assert.Equal(move.Tick + 1, enter.Tick);
        }
    }

    [Fact]
    public void Health_change_should_clamp_between_zero_and_one_hundred()
    {
        var healed = AdventureState.Apply(AdventureState.Initial, new Event(0, 0, "player.health_change", new Dictionary<string, object?> { ["amount"] = 50L }, "h1"));
        var dead = AdventureState.Apply(AdventureState.Initial, new Event(0, 0, "player.health_change", new Dictionary<string, object?> { ["amount"] = -500L }, "h2"));

        Assert.Equal(100, healed.Health);
        Assert.Equal(0, dead.Health);
    }

    [Fact]
    public void Cli_should_reject_unknown_commands_and_options_with_exit_code_2()
    {
        var error = new StringWriter();

        Assert.Equal(2, ExamplesApp.Run(["dance"], TextWriter.Null, error));
        Assert.Equal(2, ExamplesApp.Run(["adventure", "--seed", "x"], TextWriter.Null, error));
        Assert.Contains("Unknown command 'dance'", error.ToString(), StringComparison.Ordinal);
    }

    private static AdventureGame Play(int seed)
    {
        AdventureGame? game = null;
        var clock = new VirtualClock(VirtualClock.DefaultStart, TimeSpan.FromSeconds(1), () => game?.Log.CurrentTick ?? 0);
        game = new AdventureGame(seed, clock);
        game.Play();
        return game;
    }

    private static byte[] Export(AdventureGame game)
    {
        using var stream = new MemoryStream();
        game.Log.WriteTo(stream);
        return stream.ToArray();
    }
}
