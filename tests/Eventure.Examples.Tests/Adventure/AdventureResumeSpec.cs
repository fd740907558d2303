using Eventure.Examples.Adventure;
using Eventure.Examples.Tests.Support;

namespace Eventure.Examples.Tests.Adventure;

/// <summary>
/// The adventure resumed mid-game: a game stopped after any tick (<c>StopAsync</c>, then a new actor system on the
/// same SQLite journal) plays on to exactly the journal of a game that never stopped. Every entity's state is a fold of
/// its own events, so nothing it knew is lost; snapshots every 3 ticks make some resumes start from a snapshot's states.
/// </summary>
public sealed class AdventureResumeSpec
{
    [Fact]
    public async Task A_game_stopped_after_any_tick_should_resume_to_the_straight_games_export()
    {
        using var temp = new TempFolder();
        var straightLog = await ExampleRun.AdventureOnSqliteAsync(temp.File("straight.db"), ticks: null);
        var straight = ExampleRun.Export(straightLog);
        Assert.True(AdventureSimulation.IsFinished(straightLog));
        Assert.Equal(ExampleRun.Export(await ExampleRun.AdventureAsync()), straight);

        // Each stop on a journal and in actor systems of its own, a few at a time.
        using var slots = new SemaphoreSlim(4);
        var resumed = await Task.WhenAll(Enumerable.Range(0, (int)straightLog.CurrentTick).Select(async stop =>
        {
            await slots.WaitAsync();
            try
            {
                var db = temp.File($"stopped-after-{stop}.db");
                var first = await ExampleRun.AdventureOnSqliteAsync(db, ticks: stop + 1);
                Assert.Equal(stop, first.CurrentTick);
                Assert.False(AdventureSimulation.IsFinished(first));
                return (Stop: stop, Export: ExampleRun.Export(await ExampleRun.AdventureOnSqliteAsync(db, ticks: null)));
            }
            finally
            {
                slots.Release();
            }
        }));

        Assert.All(resumed, r => Assert.True(straight.AsSpan().SequenceEqual(r.Export), $"the game stopped after tick {r.Stop} resumed to another journal"));
    }
}
