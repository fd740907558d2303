using Eventure.Actors;

namespace Eventure.Examples.Crypto;

/// <summary>
/// The portfolio: turns signals into orders (BUY spends 20% of the cash if over $100, SELL sells half the
/// holding) and fills into balance updates. Its <see cref="PortfolioState"/> is a fold of its own
/// <c>portfolio.updated</c> events (absolute amounts) and <c>order.created</c> events, so a resumed run restores it.
/// </summary>
/// <remarks>
/// It decides from <see cref="SimulationEntity{TState}.Projected"/>: two fills delivered in one wave settle on top of
/// each other, and two signals in one wave get consecutive order numbers, before the first ones have their ids.
/// </remarks>
internal sealed class PortfolioEntity : SimulationEntity<PortfolioState>
{
    /// <summary>The portfolio's entity id.</summary>
    public const string Id = "portfolio";

    protected override PortfolioState InitialState => PortfolioState.Initial;

    protected override void OnStart()
    {
        Subscribe("strategy.signal");
        Subscribe("order.filled");
    }

    protected override void OnEvent(Event e)
    {
        if (e.Type == "strategy.signal")
        {
            PlaceOrder(e);
        }
        else if (e.Type == "order.filled")
        {
            Settle(e);
        }
    }

    protected override PortfolioState Apply(PortfolioState state, Event e) => PortfolioState.Apply(state, e);

    protected override PortfolioState ReadState(int version, string json) => base.ReadState(version, json).Ordinal();

    protected override long StateChecksum() => (long)(State.Balance(CryptoWorld.Quote) * 100) + State.Orders;

    private void PlaceOrder(Event signal)
    {
        var symbol = Fields.Text(signal, "symbol");
        var price = Fields.Number(signal, "price");
        var side = Fields.Text(signal, "action");
        var cash = Projected.Balance(CryptoWorld.Quote);
        var holding = Projected.Balance(CryptoWorld.BaseOf(symbol));
        double quantity;
        if (side == "BUY" && cash > CryptoWorld.MinimumCash)
        {
            quantity = CryptoWorld.Round(cash * CryptoWorld.BuyFraction / price, 8);
        }
        else if (side == "SELL" && holding > 0)
        {
            quantity = CryptoWorld.Round(holding * CryptoWorld.SellFraction, 8);
        }
        else
        {
            return;
        }

        var sequence = Projected.Orders + 1;
        Publish(
            "order.created",
            Fields.Of(
                ("order_id", $"order-{sequence}"),
                ("sequence", sequence),
                ("symbol", symbol),
                ("side", side),
                ("quantity", quantity),
                ("price", price),
                ("status", "PENDING")));
    }

    private void Settle(Event fill)
    {
        var symbol = Fields.Text(fill, "symbol");
        var asset = CryptoWorld.BaseOf(symbol);
        var quantity = Fields.Number(fill, "quantity");
        var cost = CryptoWorld.Round(quantity * Fields.Number(fill, "price"), 2);
        var sign = Fields.Text(fill, "side") == "BUY" ? 1 : -1;
        var balances = Projected;
        var cash = CryptoWorld.Round(balances.Balance(CryptoWorld.Quote) - (sign * cost), 2);
        var holding = CryptoWorld.Round(balances.Balance(asset) + (sign * quantity), 8);
        Publish("portfolio.updated", Fields.Of(("asset", CryptoWorld.Quote), ("amount", cash), ("order_id", fill.Data["order_id"])));
        Publish("portfolio.updated", Fields.Of(("asset", asset), ("amount", holding), ("order_id", fill.Data["order_id"])));
    }
}
