using Eventure.Actors;

namespace Eventure.Examples.Crypto;

/// <summary>
/// The trading bot as an <see cref="ISimulationScenario"/>: what <c>eventure verify --scenario Eventure.Examples.dll</c>
/// (or <c>--example crypto</c>) re-simulates a journal from.
/// </summary>
public sealed class CryptoScenario : ISimulationScenario
{
    /// <inheritdoc />
    public string Id => CryptoSimulation.Id;

    /// <inheritdoc />
    public void RegisterEntities(EntityRegistry entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        entities
            .Register<MarketFeedEntity>("market")
            .Register<StrategyEntity>("strategy")
            .Register<ExchangeEntity>("exchange")
            .Register<PortfolioEntity>("portfolio");
    }

    /// <inheritdoc />
    public Task SpawnAsync(Simulation simulation) => CryptoSimulation.SpawnAsync(simulation);
}
