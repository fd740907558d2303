using Eventure.Actors;

namespace Eventure.Examples.Crypto;

/// <summary>
/// The moving-average crossover strategy: BUY when the 5-period average crosses above the 20-period one,
/// SELL when it crosses below. Its signal is a child of the price update that crossed.
/// </summary>
internal sealed class StrategyEntity : SimulationEntity
{
    /// <summary>The strategy's entity id.</summary>
    public const string Id = "strategy";

    protected override void OnStart() => Subscribe("market.price_update");

    protected override void OnEvent(Event e)
    {
        if (!e.Data.ContainsKey("previous_sma_long"))
        {
            return;
        }

        var shortNow = Fields.Number(e, "sma_short");
        var longNow = Fields.Number(e, "sma_long");
        var shortBefore = Fields.Number(e, "previous_sma_short");
        var longBefore = Fields.Number(e, "previous_sma_long");
        string? action = shortBefore <= longBefore && shortNow > longNow ? "BUY"
            : shortBefore >= longBefore && shortNow < longNow ? "SELL"
            : null;
        if (action is not null)
        {
            Publish(
                "strategy.signal",
                Fields.Of(("symbol", e.Data["symbol"]), ("action", action), ("price", e.Data["price"]), ("sma_short", shortNow), ("sma_long", longNow)));
        }
    }
}
