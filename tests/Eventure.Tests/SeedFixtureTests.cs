using static Eventure.Tests.TestSupport.TestData;

namespace Eventure.Tests;

/// <summary>Files written by the Python original: loading, printing and saving must match byte for byte.</summary>
public sealed class SeedFixtureTests
{
    [Theory]
    [InlineData("reference.jsonl", "reference-cascade.txt", true, 7, 3)]
    [InlineData("seed-adventure.jsonl", "seed-adventure.cascade.txt", true, 31, 8)]
    [InlineData("seed-crypto-bot.jsonl", "seed-crypto-bot.cascade.txt", false, 436, 100)]
    public void Seed_files_should_load_and_print_exactly_as_the_original(string jsonl, string cascade, bool showData, int events, long tick)
    {
        var log = EventLog.LoadFromFile(FixturePath(jsonl));

        Assert.Equal(events, log.Events.Count);
        Assert.Equal(tick, log.CurrentTick);
        Assert.Equal(File.ReadAllText(FixturePath(cascade)), PrintCascade(log, showData));
    }

    [Theory]
    [InlineData("reference.jsonl")]
    [InlineData("seed-adventure.jsonl")]
    [InlineData("seed-crypto-bot.jsonl")]
    public void Saving_a_loaded_seed_file_should_write_the_same_bytes(string jsonl)
    {
        var log = EventLog.LoadFromFile(FixturePath(jsonl));
        using var output = new MemoryStream();

        log.WriteTo(output);

        Assert.Equal(File.ReadAllBytes(FixturePath(jsonl)), output.ToArray());
    }

    [Fact]
    public void The_seed_adventure_should_answer_the_original_queries()
    {
        var query = EventLog.LoadFromFile(FixturePath("seed-adventure.jsonl")).CreateQuery();

        Assert.Equal(17, query.GetRootEvents().Count);
        Assert.Equal(4, query.GetEventsByType("player.move").Count);
        Assert.Equal(578L, query.GetEventsByType("game.final_score")[0].Data["score"]);
        Assert.Equal(12, query.GetEventsByData("enemy", "dragon").Count);
    }
}
