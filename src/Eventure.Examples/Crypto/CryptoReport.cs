using System.Globalization;

namespace Eventure.Examples.Crypto;

/// <summary>Prints the trading bot's results from a log: the trade summary and the first BUY cascade.</summary>
internal static class CryptoReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The state summary, the part <c>replay crypto</c> prints too.</summary>
    public static void PrintSummary(CryptoState state, TextWriter output)
    {
        output.WriteLine("===== TRADING SUMMARY =====");
        output.WriteLine($"Last tick: {state.LastTick.ToString(Invariant)}");
        output.WriteLine($"Signals: {state.Signals.ToString(Invariant)}");
        output.WriteLine($"Trades: {state.Trades.Count.ToString(Invariant)}");
        foreach (var trade in state.Trades)
        {
            output.WriteLine(string.Create(
                Invariant,
                $"  tick {trade.Tick,4}  {trade.OrderId,-9} {trade.Side,-4} {trade.Quantity:F8} {CryptoWorld.BaseOf(trade.Symbol)} @ {trade.Price:N2}"));
        }

        output.WriteLine($"Portfolio: {string.Join(", ", state.Balances.Select(b => string.Create(Invariant, $"{b.Key} {Amount(b.Key, b.Value)}")))}");
        output.WriteLine($"Last prices: {string.Join(", ", state.Prices.Select(p => string.Create(Invariant, $"{p.Key} {p.Value:N2}")))}");
        output.WriteLine(string.Create(Invariant, $"Portfolio value: ${state.Value:N2}"));
        output.WriteLine(string.Create(Invariant, $"P/L: ${state.ProfitLoss:N2} ({100 * state.ProfitLoss / CryptoWorld.StartingCash:F2}%)"));
        foreach (var (symbol, _) in CryptoWorld.Pairs)
        {
            var asset = CryptoWorld.BaseOf(symbol);
            if (state.AverageBuyPrice(asset) is { } average)
            {
                output.WriteLine(string.Create(Invariant, $"Average {asset} buy price: ${average:N2}"));
            }
        }
    }

    /// <summary>The whole report of a live run: summary, then the cascade of the first BUY signal.</summary>
    public static void Print(EventLog log, TextWriter output)
    {
        PrintSummary(CryptoState.Replay(log.Events), output);
        var query = log.CreateQuery();
        var firstBuy = query.GetEventsByType("strategy.signal").FirstOrDefault(e => e.Data["action"] as string == "BUY");
        output.WriteLine();
        if (firstBuy is null)
        {
            output.WriteLine("No BUY signal yet (the averages need more than 20 prices).");
            return;
        }

        output.WriteLine($"First BUY signal ({firstBuy.Id}) and its cascade:");
        query.PrintSingleCascade(firstBuy, output);
        var orders = query.GetChildEvents(firstBuy).Count(e => e.Type == "order.created");
        output.WriteLine($"Orders triggered by the first BUY signal: {orders.ToString(Invariant)}");
    }

    private static string Amount(string asset, double value) =>
        asset == CryptoWorld.Quote ? value.ToString("F2", Invariant) : value.ToString("F8", Invariant);
}
