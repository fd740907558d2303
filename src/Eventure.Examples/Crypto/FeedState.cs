using System.Collections.Immutable;

namespace Eventure.Examples.Crypto;

/// <summary>A market feed's state, a fold of its own price updates: only what its averages need.</summary>
/// <param name="Recent">The newest prices, oldest first: at most <see cref="CryptoWorld.LongWindow"/> of them.</param>
/// <param name="Count">How many prices it has published.</param>
internal sealed record FeedState(ImmutableArray<double> Recent, long Count)
{
    public static FeedState Initial { get; } = new([], 0);

    /// <summary>The pure state transition over one of the feed's own events.</summary>
    public static FeedState Apply(FeedState state, Event e)
    {
        if (e.Type != "market.price_update")
        {
            return state;
        }

        var recent = state.Recent.Length == CryptoWorld.LongWindow ? state.Recent.RemoveAt(0) : state.Recent;
        return new FeedState(recent.Add(Fields.Number(e, "price")), state.Count + 1);
    }
}
