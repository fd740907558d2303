using System.Collections.Immutable;

namespace Eventure.Examples.Crypto;

/// <summary>One executed trade.</summary>
internal sealed record Trade(long Tick, string OrderId, string Symbol, string Side, double Quantity, double Price);

/// <summary>The trading bot's state, derived only by folding the log with <see cref="Apply"/>.</summary>
/// <param name="Balances">Asset balances (absolute amounts from <c>portfolio.updated</c>), by asset.</param>
/// <param name="Prices">The last price of each pair.</param>
/// <param name="Trades">Filled orders, in log order.</param>
/// <param name="Signals">How many strategy signals were raised.</param>
/// <param name="LastTick">The tick of the newest event.</param>
internal sealed record CryptoState(
    ImmutableSortedDictionary<string, double> Balances,
    ImmutableSortedDictionary<string, double> Prices,
    ImmutableList<Trade> Trades,
    long Signals,
    long LastTick)
{
    public static CryptoState Initial { get; } = new(
        ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal).Add(CryptoWorld.Quote, CryptoWorld.StartingCash),
        ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal),
        [],
        0,
        0);

    /// <summary>Cash plus every holding at its pair's last price.</summary>
    public double Value => Balances.Sum(b => b.Key == CryptoWorld.Quote ? b.Value : b.Value * Prices.GetValueOrDefault(b.Key + "/" + CryptoWorld.Quote));

    public double ProfitLoss => Value - CryptoWorld.StartingCash;

    /// <summary>The volume-weighted average price of the buys of <paramref name="asset"/>, or null without buys.</summary>
    public double? AverageBuyPrice(string asset)
    {
        var buys = Trades.Where(t => t.Side == "BUY" && CryptoWorld.BaseOf(t.Symbol) == asset).ToList();
        var quantity = buys.Sum(t => t.Quantity);
        return quantity > 0 ? buys.Sum(t => t.Quantity * t.Price) / quantity : null;
    }

    /// <summary>The pure state transition: the state after <paramref name="e"/>.</summary>
    public static CryptoState Apply(CryptoState state, Event e)
    {
        var next = e.Tick > state.LastTick ? state with { LastTick = e.Tick } : state;
        return e.Type switch
        {
            "market.price_update" => next with { Prices = next.Prices.SetItem(Fields.Text(e, "symbol"), Fields.Number(e, "price")) },
            "portfolio.updated" => next with { Balances = next.Balances.SetItem(Fields.Text(e, "asset"), Fields.Number(e, "amount")) },
            "strategy.signal" => next with { Signals = next.Signals + 1 },
            "order.filled" => next with
            {
                Trades = next.Trades.Add(new Trade(
                    e.Tick,
                    Fields.Text(e, "order_id"),
                    Fields.Text(e, "symbol"),
                    Fields.Text(e, "side"),
                    Fields.Number(e, "quantity"),
                    Fields.Number(e, "price"))),
            },
            _ => next,
        };
    }

    /// <summary>Folds <paramref name="events"/> from the initial state.</summary>
    public static CryptoState Replay(IEnumerable<Event> events) => events.Aggregate(Initial, Apply);
}
