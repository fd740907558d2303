using Eventure.Examples.Crypto;
using Eventure.Examples.Tests.Support;

namespace Eventure.Examples.Tests.Crypto;

/// <summary>The trading bot as an actor simulation: causality in parent links, immutable data, determinism.</summary>
public sealed class CryptoSpec
{
    [Fact]
    public async Task Two_runs_with_the_same_seed_should_export_byte_identical_logs()
    {
        Assert.Equal(ExampleRun.Export(await ExampleRun.CryptoAsync()), ExampleRun.Export(await ExampleRun.CryptoAsync()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task The_log_should_not_depend_on_the_dispatcher_thread_count(int threads)
    {
        var baseline = ExampleRun.Export(await ExampleRun.CryptoAsync());

        Assert.Equal(baseline, ExampleRun.Export(await ExampleRun.CryptoAsync(threads: threads)));
    }

    [Fact]
    public async Task Prices_should_update_every_tick_from_one_with_tick_zero_empty()
    {
        var log = await ExampleRun.CryptoAsync(ticks: 30);
        var updates = log.CreateQuery().GetEventsByType("market.price_update");

        Assert.Equal(60, updates.Count);
        Assert.Equal(Enumerable.Range(1, 30).Select(t => (long)t), updates.Select(e => e.Tick).Distinct());
        Assert.All(updates, u => Assert.InRange(Math.Abs(Fields.Number(u, "price") / Fields.Number(u, "previous_price") - 1), 0, 0.0201));
        Assert.Equal(60, log.CreateQuery().GetEventsByType("market.volume_update").Count);
    }

    [Fact]
    public async Task Every_trade_should_be_a_chain_from_price_update_to_portfolio_update()
    {
        var log = await ExampleRun.CryptoAsync();
        var query = log.CreateQuery();
        var fills = query.GetEventsByType("order.filled");

        Assert.NotEmpty(fills);
        foreach (var fill in fills)
        {
            var order = log.GetEventById(fill.ParentId!)!;
            var signal = log.GetEventById(order.ParentId!)!;
            var update = log.GetEventById(signal.ParentId!)!;
            Assert.Equal(("order.created", "strategy.signal", "market.price_update"), (order.Type, signal.Type, update.Type));
            Assert.Equal(signal.Data["symbol"], update.Data["symbol"]);
            Assert.Equal(["USD", CryptoWorld.BaseOf((string)fill.Data["symbol"]!)], query.GetChildEvents(fill).Select(e => (string)e.Data["asset"]!));
            Assert.Equal("PENDING", order.Data["status"]); // the original mutated logged orders to FILLED
            Assert.Equal(fill.Tick, update.Tick);
        }
    }

    [Fact]
    public async Task The_final_portfolio_should_be_the_fold_of_the_trades()
    {
        var state = CryptoState.Replay((await ExampleRun.CryptoAsync()).Events);
        var cash = CryptoWorld.StartingCash;
        foreach (var trade in state.Trades)
        {
            cash += (trade.Side == "BUY" ? -1 : 1) * Math.Round(trade.Quantity * trade.Price, 2);
        }

        Assert.Equal(Math.Round(cash, 2), state.Balances["USD"], 2);
        Assert.Equal(100, state.LastTick);
        Assert.True(state.Value > 0);
    }
}
