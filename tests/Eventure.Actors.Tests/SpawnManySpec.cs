using Akka.Actor;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Tests.TestEntities;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

/// <summary>
/// Spawning a population at once must journal exactly what spawning it one by one does, and is all or nothing:
/// a bad id or an entity that cannot start leaves the population as it was.
/// </summary>
public sealed class SpawnManySpec : TestKit
{
    private static readonly string[] TraderIds = [.. Enumerable.Range(0, 40).Select(i => $"trader-{39 - i:D2}")];

    [Fact]
    public async Task Spawning_many_should_journal_the_same_events_and_checksums_as_spawning_one_by_one()
    {
        var oneByOne = await RunTraders(async sim =>
        {
            foreach (var id in TraderIds)
            {
                await sim.SpawnAsync(id, Props.Create(() => new Trader()), "trader");
            }
        });

        var atOnce = await RunTraders(async sim =>
            Assert.Equal(TraderIds.Length, await sim.SpawnManyAsync(TraderIds, _ => Props.Create(() => new Trader()), "trader")));

        Assert.Contains("order.filled", oneByOne.Export, StringComparison.Ordinal);
        Assert.Equal(oneByOne.Export, atOnce.Export);
        Assert.Equal(oneByOne.Checksums, atOnce.Checksums);
    }

    [Fact]
    public async Task A_live_or_repeated_id_should_fail_the_whole_batch_and_spawn_nothing()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("a", Props.Create(() => new Counter()));

        var live = await Assert.ThrowsAsync<ArgumentException>(() => sim.SpawnManyAsync(["b", "a"], _ => Props.Create(() => new Counter())));
        var twice = await Assert.ThrowsAsync<ArgumentException>(() => sim.SpawnManyAsync(["c", "d", "c"], _ => Props.Create(() => new Counter())));
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => sim.SpawnManyAsync(["e", ""], _ => Props.Create(() => new Counter())));

        Assert.StartsWith("An entity with id 'a' is already live (entity 1 of 2); none was spawned.", live.Message, StringComparison.Ordinal);
        Assert.StartsWith("The id 'c' appears twice (entity 2 of 3); none was spawned.", twice.Message, StringComparison.Ordinal);
        Assert.StartsWith("An entity id may not be empty (entity 1 of 2); none was spawned.", empty.Message, StringComparison.Ordinal);
        await AssertPopulation(sim, "a");
    }

    [Fact]
    public async Task An_entity_that_fails_to_start_should_fail_the_whole_batch_and_spawn_nothing()
    {
        var sim = await Simulation.StartAsync(Sys, Options());

        var error = await Assert.ThrowsAsync<SimulationException>(() =>
            sim.SpawnManyAsync(["ok-1", "bad", "ok-2"], id => id == "bad" ? Props.Create(() => new FailsInOnStart()) : Props.Create(() => new Counter())));

        Assert.Equal("Entity 'bad' failed to start: InvalidOperationException: cannot start; none of the 3 entities was spawned.", error.Message);
        Assert.Equal(1, await sim.SpawnManyAsync(["ok-3"], _ => Props.Create(() => new Counter())));
        await AssertPopulation(sim, "ok-3");
    }

    [Fact]
    public async Task An_entity_whose_constructor_throws_should_fail_its_spawn_instead_of_stalling_the_simulation()
    {
        var sim = await Simulation.StartAsync(Sys, Options());

        var batch = await Assert.ThrowsAsync<SimulationException>(() =>
            sim.SpawnManyAsync(["fine", "broken"], id => id == "broken" ? Props.Create(() => new ThrowsInConstructor()) : Props.Create(() => new Counter())));
        var single = await Assert.ThrowsAsync<SimulationException>(() => sim.SpawnAsync("broken-alone", Props.Create(() => new ThrowsInConstructor())));

        Assert.StartsWith("Entity 'broken' failed to start: ActorInitializationException:", batch.Message, StringComparison.Ordinal);
        Assert.EndsWith("none of the 2 entities was spawned.", batch.Message, StringComparison.Ordinal);
        Assert.StartsWith("Entity 'broken-alone' failed to start: ActorInitializationException:", single.Message, StringComparison.Ordinal);
        await sim.SpawnAsync("after", Props.Create(() => new Counter()));
        await AssertPopulation(sim, "after");
    }

    /// <summary>After one tick: exactly <paramref name="ids"/> were journaled as spawned, and they are the live population.</summary>
    private static async Task AssertPopulation(Simulation sim, params string[] ids)
    {
        await sim.RunTicksAsync(1);
        var log = await sim.GetLogAsync();
        var status = await sim.GetStatusAsync();

        Assert.Equal(ids, log.Events.Where(e => e.Type == "entity.spawned").Select(e => (string)e.Data["entity"]!));
        Assert.Equal(ids.Length, status.EntityCount);
    }

    private static Task<(string Export, long[] Checksums)> RunTraders(Func<Simulation, Task> spawn) =>
        RecordAsync(Options(), async sim =>
        {
            await spawn(sim);
            await sim.RunTicksAsync(8);
        });

    private sealed class FailsInOnStart : SimulationEntity
    {
        protected override void OnStart() => throw new InvalidOperationException("cannot start");
    }

    private sealed class ThrowsInConstructor : SimulationEntity
    {
        public ThrowsInConstructor() => throw new InvalidOperationException("no constructor today");
    }
}
