using Akka.Actor;
using Eventure.Actors;

namespace Eventure.Examples.Crypto;

/// <summary>The trading bot as an actor simulation: two market feeds, the strategy, the exchange, the portfolio.</summary>
internal static class CryptoSimulation
{
    /// <summary>The simulation id (the journal's persistence id is <c>eventure-crypto</c>).</summary>
    public const string Id = "crypto";

    /// <summary>The entity kinds, so a journal can respawn the population.</summary>
    public static EntityRegistry Registry()
    {
        var registry = new EntityRegistry();
        new CryptoScenario().RegisterEntities(registry);
        return registry;
    }

    /// <summary>
    /// Spawns the market (unless it was recovered) and runs <paramref name="ticks"/> more price updates: a new
    /// run covers ticks 0..ticks (tick 0 is empty, as in the original); a resumed run continues from its last
    /// tick. With an <paramref name="interval"/> the ticks run in real time.
    /// </summary>
    public static async Task<EventLog> RunAsync(ActorSystem system, Simulation simulation, long ticks, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentOutOfRangeException.ThrowIfNegative(ticks);
        var status = await SpawnAsync(simulation);
        var lastTick = status.NextTick == 0 ? ticks : status.NextTick + ticks - 1;
        if (interval is { } every)
        {
            await RunRealtimeAsync(system, simulation, lastTick, every);
        }
        else
        {
            await simulation.RunUntilTickAsync(lastTick);
        }

        return await simulation.GetLogAsync();
    }

    /// <summary>Spawns the feeds, strategy, exchange and portfolio, unless the simulation was recovered with them.</summary>
    /// <returns>The status before spawning.</returns>
    public static async Task<SimulationStatus> SpawnAsync(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var status = await simulation.GetStatusAsync();
        if (status.EntityCount == 0)
        {
            foreach (var (symbol, _) in CryptoWorld.Pairs)
            {
                await simulation.SpawnAsync(CryptoWorld.FeedId(symbol), "market");
            }

            await simulation.SpawnAsync(StrategyEntity.Id, "strategy");
            await simulation.SpawnAsync(ExchangeEntity.Id, "exchange");
            await simulation.SpawnAsync(PortfolioEntity.Id, "portfolio");
        }

        return status;
    }

    private static async Task RunRealtimeAsync(ActorSystem system, Simulation simulation, long lastTick, TimeSpan interval)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = system.ActorOf(Props.Create(() => new TickWatcher(lastTick, done)));
        try
        {
            simulation.WatchTicks(watcher);
            simulation.StartRealtime(interval, lastTick);
            await done.Task;
        }
        finally
        {
            system.Stop(watcher);
        }
    }

    /// <summary>Completes a task when the simulation has completed <c>lastTick</c>.</summary>
    private sealed class TickWatcher : ReceiveActor
    {
        public TickWatcher(long lastTick, TaskCompletionSource done) =>
            Receive<TickCompleted>(completed =>
            {
                if (completed.Tick >= lastTick)
                {
                    done.TrySetResult();
                }
            });
    }
}
