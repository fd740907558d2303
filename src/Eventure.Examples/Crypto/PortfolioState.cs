using System.Collections.Immutable;

namespace Eventure.Examples.Crypto;

/// <summary>The portfolio's state, a fold of its own events.</summary>
/// <param name="Balances">Asset balances by asset (absolute amounts from its <c>portfolio.updated</c> events), in ordinal order.</param>
/// <param name="Orders">The sequence number of its newest order.</param>
internal sealed record PortfolioState(ImmutableSortedDictionary<string, double> Balances, long Orders)
{
    public static PortfolioState Initial { get; } = new(
        ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal).Add(CryptoWorld.Quote, CryptoWorld.StartingCash),
        0);

    /// <summary>The balance of <paramref name="asset"/>, 0 when it has none.</summary>
    public double Balance(string asset) => Balances.GetValueOrDefault(asset);

    /// <summary>The pure state transition over one of the portfolio's own events.</summary>
    public static PortfolioState Apply(PortfolioState state, Event e) => e.Type switch
    {
        "portfolio.updated" => state with { Balances = state.Balances.SetItem(Fields.Text(e, "asset"), Fields.Number(e, "amount")) },
        "order.created" => state with { Orders = Math.Max(state.Orders, (long)e.Data["sequence"]!) },
        _ => state,
    };

    /// <summary>The same state with its balances ordered by ordinal comparison (JSON reads them back with the default comparer).</summary>
    public PortfolioState Ordinal() => this with { Balances = Balances.WithComparers(StringComparer.Ordinal) };
}
