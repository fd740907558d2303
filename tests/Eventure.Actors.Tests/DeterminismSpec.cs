using Akka.Actor;
using Eventure.Actors.Tests.TestEntities;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

/// <summary>
/// The same simulation (50 entities, multi-wave cascades, wildcard subscribers, replies after random
/// asynchronous delays) must log the same events — ids, parents, order, data — in every run and whatever the
/// number of dispatcher threads.
/// </summary>
public sealed class DeterminismSpec
{
    private const int Entities = 50;
    private const int Ticks = 12;

    [Fact]
    public async Task The_same_simulation_should_log_identical_events_across_ten_runs()
    {
        var first = await RunOnce(threads: null);
        Assert.Contains("order.filled", first, StringComparison.Ordinal);
        Assert.Contains("portfolio.updated", first, StringComparison.Ordinal);

        for (var run = 1; run < 10; run++)
        {
            Assert.Equal(first, await RunOnce(threads: null));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task The_same_simulation_should_log_identical_events_with_any_dispatcher_thread_count(int threads)
    {
        var baseline = await RunOnce(threads: null);

        Assert.Equal(baseline, await RunOnce(threads));
    }

    [Fact]
    public async Task A_different_seed_should_change_the_run()
    {
        Assert.NotEqual(await RunOnce(threads: null), await RunOnce(threads: null, seed: 7));
    }

    private static async Task<string> RunOnce(int? threads, int seed = 42)
    {
        using var system = threads is { } n ? ActorSystem.Create("determinism", WithThreads(n)) : ActorSystem.Create("determinism");
        try
        {
            var sim = await Simulation.StartAsync(system, Options(seed: seed));
            for (var i = 0; i < Entities; i++)
            {
                await sim.SpawnAsync($"trader-{i:D2}", Props.Create(() => new Trader()), "trader");
            }

            await sim.RunTicksAsync(Ticks);
            var log = await sim.GetLogAsync();
            var watcher = log.Events.Count;
            Assert.True(watcher > Entities, $"expected a busy log, got {watcher} events");
            return Export(log);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
