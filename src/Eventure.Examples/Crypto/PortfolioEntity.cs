using Eventure.Actors;

namespace Eventure.Examples.Crypto;

/// <summary>
/// The portfolio: turns signals into orders (BUY spends 20% of the cash if over $100, SELL sells half the
/// holding) and fills into balance updates. Balances are a fold of its own <c>portfolio.updated</c> events,
/// which carry absolute amounts, so a resumed run restores them.
/// </summary>
internal sealed class PortfolioEntity : SimulationEntity
{
    /// <summary>The portfolio's entity id.</summary>
    public const string Id = "portfolio";

    private readonly SortedDictionary<string, double> _balances = new(StringComparer.Ordinal) { [CryptoWorld.Quote] = CryptoWorld.StartingCash };
    private long _orders;

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

    protected override void Apply(Event e)
    {
        switch (e.Type)
        {
            case "portfolio.updated":
                _balances[Fields.Text(e, "asset")] = Fields.Number(e, "amount");
                break;
            case "order.created":
                _orders = Math.Max(_orders, (long)e.Data["sequence"]!);
                break;
        }
    }

    protected override long StateChecksum() => (long)(Balance(CryptoWorld.Quote) * 100) + _orders;

    private double Balance(string asset) => _balances.TryGetValue(asset, out var amount) ? amount : 0;

    private void PlaceOrder(Event signal)
    {
        var symbol = Fields.Text(signal, "symbol");
        var price = Fields.Number(signal, "price");
        var side = Fields.Text(signal, "action");
        var cash = Balance(CryptoWorld.Quote);
        var holding = Balance(CryptoWorld.BaseOf(symbol));
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

        var sequence = ++_orders;
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

        // Balances change here at once, so two fills in one wave settle on top of each other; Apply later
        // sets the same absolute amounts.
        _balances[CryptoWorld.Quote] = CryptoWorld.Round(Balance(CryptoWorld.Quote) - (sign * cost), 2);
        _balances[asset] = CryptoWorld.Round(Balance(asset) + (sign * quantity), 8);
        Publish("portfolio.updated", Fields.Of(("asset", CryptoWorld.Quote), ("amount", _balances[CryptoWorld.Quote]), ("order_id", fill.Data["order_id"])));
        Publish("portfolio.updated", Fields.Of(("asset", asset), ("amount", _balances[asset]), ("order_id", fill.Data["order_id"])));
    }
}
