using Eventure.Actors;
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
    public async Task A_game_stopped_after_any_tick_should_resume_every_state_and_play_on_to_the_straight_games_export()
    {
        using var temp = new TempFolder();
        var straightGame = await ExampleRun.AdventureOnSqliteAsync(temp.File("straight.db"), ticks: null);
        var straight = ExampleRun.Export(straightGame.Log);
        Assert.True(AdventureSimulation.IsFinished(straightGame.Log));
        Assert.Equal(ExampleRun.Export(await ExampleRun.AdventureAsync()), straight);

        // Each stop on a journal and in actor systems of its own, a few at a time.
        using var slots = new SemaphoreSlim(4);
        var resumed = await Task.WhenAll(Enumerable.Range(0, (int)straightGame.Log.CurrentTick).Select(async stop =>
        {
            await slots.WaitAsync();
            try
            {
                var db = temp.File($"stopped-after-{stop}.db");
                var first = await ExampleRun.AdventureOnSqliteAsync(db, ticks: stop + 1);
                Assert.Equal(stop, first.Log.CurrentTick);
                Assert.False(AdventureSimulation.IsFinished(first.Log));
                var second = await ExampleRun.AdventureOnSqliteAsync(db, ticks: null);
                return (Stop: stop, Left: first.Left, second.Found, Export: ExampleRun.Export(second.Log));
            }
            finally
            {
                slots.Release();
            }
        }));

        Assert.All(resumed, r =>
        {
            // The states a resume rebuilds (snapshot plus rows) are the ones the stopped run held, entity by entity.
            Assert.Equal(Live(r.Left), Live(r.Found));
            Assert.Contains(r.Found, s => s.EntityId == PlayerEntity.Id && s.Live is not null);
            Assert.True(straight.AsSpan().SequenceEqual(r.Export), $"the game stopped after tick {r.Stop} resumed to another journal");
        });
    }

    private static (string EntityId, string? Live)[] Live(IEnumerable<EntityStateComparison> states) => [.. states.Select(s => (s.EntityId, s.Live))];
}
