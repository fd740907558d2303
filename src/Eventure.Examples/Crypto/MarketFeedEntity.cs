using Eventure.Actors;

namespace Eventure.Examples.Crypto;

/// <summary>
/// A market feed (<c>market-BTC-USD</c>): every tick from 1 on, the price moves by a uniform −2%..+2% (floor
/// 0.01) and a volume is drawn (0.5–10). The feed keeps its own price history (a fold of its own events) and
/// publishes the 5- and 20-period moving averages, now and one tick ago, once more than 20 prices exist.
/// </summary>
internal sealed class MarketFeedEntity : SimulationEntity
{
    /// <summary>The entity id prefix of market feeds.</summary>
    public const string Prefix = "market-";

    private readonly List<double> _prices = [];

    private string Symbol => CryptoWorld.SymbolOf(EntityId);

    protected override void OnTick(long tick)
    {
        if (tick == 0)
        {
            return; // The original advanced the tick before its first update: tick 0 stays empty.
        }

        var symbol = Symbol;
        var current = _prices.Count == 0 ? CryptoWorld.StartPrice(symbol) : _prices[^1];
        var move = current * ((Random.NextDouble() * 2 * CryptoWorld.MaxMove) - CryptoWorld.MaxMove);
        var price = Math.Max(0.01, CryptoWorld.Round(current + move, 2));
        var volume = CryptoWorld.Round(0.5 + (Random.NextDouble() * 9.5), 4);

        var fields = new List<(string, object?)> { ("symbol", symbol), ("price", price), ("previous_price", current) };
        var count = _prices.Count + 1;
        if (count > CryptoWorld.LongWindow)
        {
            fields.Add(("sma_short", Average(_prices, price, CryptoWorld.ShortWindow, 0)));
            fields.Add(("sma_long", Average(_prices, price, CryptoWorld.LongWindow, 0)));
            fields.Add(("previous_sma_short", Average(_prices, price, CryptoWorld.ShortWindow, 1)));
            fields.Add(("previous_sma_long", Average(_prices, price, CryptoWorld.LongWindow, 1)));
        }

        Publish("market.price_update", Fields.Of([.. fields]));
        Publish("market.volume_update", Fields.Of(("symbol", symbol), ("volume", volume)));
    }

    protected override void Apply(Event e)
    {
        if (e.Type == "market.price_update")
        {
            _prices.Add(Fields.Number(e, "price"));
        }
    }

    protected override long StateChecksum() => _prices.Count == 0 ? 0 : (long)(_prices[^1] * 100);

    /// <summary>The mean of the <paramref name="window"/> prices ending <paramref name="back"/> steps before the newest.</summary>
    private static double Average(List<double> history, double newest, int window, int back)
    {
        var sum = 0.0;
        for (var i = 0; i < window; i++)
        {
            var fromEnd = i + back; // 0 = newest
            sum += fromEnd == 0 ? newest : history[history.Count - fromEnd];
        }

        return CryptoWorld.Round(sum / window, 4);
    }
}
