using System.Collections.Immutable;
using Eventure.Actors;

namespace Eventure.Examples.Crypto;

/// <summary>
/// A market feed (<c>market-BTC-USD</c>): every tick from 1 on, the price moves by a uniform −2%..+2% (floor
/// 0.01) and a volume is drawn (0.5–10). It publishes the 5- and 20-period moving averages, now and one tick ago,
/// once more than 20 prices exist; its <see cref="FeedState"/> keeps the last 20 prices and a count, a fold of its
/// own price updates.
/// </summary>
internal sealed class MarketFeedEntity : SimulationEntity<FeedState>
{
    /// <summary>The entity id prefix of market feeds.</summary>
    public const string Prefix = "market-";

    private string Symbol => CryptoWorld.SymbolOf(EntityId);

    protected override FeedState InitialState => FeedState.Initial;

    protected override void OnTick(long tick)
    {
        if (tick == 0)
        {
            return; // The original advanced the tick before its first update: tick 0 stays empty.
        }

        var symbol = Symbol;
        var recent = State.Recent;
        var current = recent.IsEmpty ? CryptoWorld.StartPrice(symbol) : recent[^1];
        var move = current * ((Random.NextDouble() * 2 * CryptoWorld.MaxMove) - CryptoWorld.MaxMove);
        var price = Math.Max(0.01, CryptoWorld.Round(current + move, 2));
        var volume = CryptoWorld.Round(0.5 + (Random.NextDouble() * 9.5), 4);

        var fields = new List<(string, object?)> { ("symbol", symbol), ("price", price), ("previous_price", current) };
        if (State.Count + 1 > CryptoWorld.LongWindow)
        {
            fields.Add(("sma_short", Average(recent, price, CryptoWorld.ShortWindow, 0)));
            fields.Add(("sma_long", Average(recent, price, CryptoWorld.LongWindow, 0)));
            fields.Add(("previous_sma_short", Average(recent, price, CryptoWorld.ShortWindow, 1)));
            fields.Add(("previous_sma_long", Average(recent, price, CryptoWorld.LongWindow, 1)));
        }

        Publish("market.price_update", Fields.Of([.. fields]));
        Publish("market.volume_update", Fields.Of(("symbol", symbol), ("volume", volume)));
    }

    protected override FeedState Apply(FeedState state, Event e) => FeedState.Apply(state, e);

    protected override long StateChecksum() => State.Recent.IsEmpty ? 0 : (long)(State.Recent[^1] * 100);

    /// <summary>The mean of the <paramref name="window"/> prices ending <paramref name="back"/> steps before the newest.</summary>
    private static double Average(ImmutableArray<double> recent, double newest, int window, int back)
    {
        var sum = 0.0;
        for (var i = 0; i < window; i++)
        {
            var fromEnd = i + back; // 0 = newest
            sum += fromEnd == 0 ? newest : recent[recent.Length - fromEnd];
        }

        return CryptoWorld.Round(sum / window, 4);
    }
}
