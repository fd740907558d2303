using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;
using Eventure.Examples.Adventure;
using Eventure.Examples.Crypto;
using Eventure.Examples.Tests.Support;

namespace Eventure.Examples.Tests;

/// <summary>
/// The journal is the only truth: after every tick of both examples, every entity's live state equals the state its
/// own <c>Apply</c> rebuilds from its <c>InitialState</c> over its own events as read back from the journal
/// (<see cref="EntityStateCheck"/>: both as the JSON snapshots store). Stateless entities report no state either way.
/// </summary>
public sealed class LiveStateSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Live_state_should_equal_the_journals_fold_after_every_tick_of_the_adventure()
    {
        var last = await CheckEveryTickAsync(
            AdventureSimulation.Id,
            AdventureSimulation.Registry(),
            AdventureSimulation.SpawnAsync,
            ticks: AdventureSimulation.MaxTicks,
            finished: AdventureSimulation.IsFinished);

        Assert.Equal(["enemy-dragon", "enemy-ghost", "enemy-goblin", "enemy-golem", "player"], Stateful(last));
        Assert.Contains("\"Outcome\":\"victory\"", State(last, PlayerEntity.Id), StringComparison.Ordinal);
        Assert.Contains("\"Finished\":true", State(last, "enemy-dragon"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_state_should_equal_the_journals_fold_after_every_tick_of_the_crypto_run()
    {
        // The example's default run (ticks 0-100). Seed 42 fills its first order at tick 36, two orders in one wave at
        // tick 75, and its ninth order at tick 92.
        var last = await CheckEveryTickAsync(
            CryptoSimulation.Id,
            CryptoSimulation.Registry(),
            async sim => await CryptoSimulation.SpawnAsync(sim),
            ticks: 101,
            finished: _ => false);

        Assert.Equal(["market-BTC-USD", "market-ETH-USD", "portfolio"], Stateful(last));
        Assert.Contains("\"Count\":100", State(last, "market-BTC-USD"), StringComparison.Ordinal);
        Assert.Contains("\"Orders\":9", State(last, PortfolioEntity.Id), StringComparison.Ordinal);
    }

    /// <summary>Runs tick by tick and compares after each one; returns the last comparison.</summary>
    private static async Task<ImmutableArray<EntityStateComparison>> CheckEveryTickAsync(
        string id, EntityRegistry registry, Func<Simulation, Task> spawn, int ticks, Func<EventLog, bool> finished)
    {
        // A persistent log on Akka's in-memory journal: what JournalReader reads back is what was stored.
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING\neventure.log.store = persistent\neventure.snapshot.every-ticks = 5")
            .WithFallback(EventureConfig.InMemory());
        using var system = ActorSystem.Create("states", config);
        try
        {
            var sim = await Simulation.StartAsync(system, ExampleRun.Options(id, 42, registry));
            await spawn(sim);
            var states = ImmutableArray<EntityStateComparison>.Empty;
            for (var tick = 0; tick < ticks; tick++)
            {
                await sim.StepAsync();
                states = await EntityStateCheck.CompareAsync(system, sim, Timeout);
                Assert.NotEmpty(states);
                foreach (var state in states)
                {
                    Assert.True(state.Live == state.Rebuilt, $"tick {tick}, {state.EntityId}: live {state.Live}, rebuilt from the journal {state.Rebuilt}");
                }

                if (finished(await sim.GetLogAsync()))
                {
                    break;
                }
            }

            await sim.StopAsync();
            return states;
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static string[] Stateful(ImmutableArray<EntityStateComparison> states) => [.. states.Where(s => s.Live is not null).Select(s => s.EntityId)];

    private static string State(ImmutableArray<EntityStateComparison> states, string entityId) => states.Single(s => s.EntityId == entityId).Live!;
}
