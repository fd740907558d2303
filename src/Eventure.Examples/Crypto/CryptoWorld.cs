using System.Collections.Immutable;

namespace Eventure.Examples.Crypto;

/// <summary>The market of the original example: two pairs, their starting prices, and the bot's rules.</summary>
internal static class CryptoWorld
{
    public const string Quote = "USD";
    public const double StartingCash = 10_000;
    public const int ShortWindow = 5;
    public const int LongWindow = 20;
    public const double MaxMove = 0.02;
    public const double BuyFraction = 0.2;
    public const double SellFraction = 0.5;
    public const double MinimumCash = 100;

    /// <summary>The traded pairs in entity-id order, with their starting prices.</summary>
    public static ImmutableArray<(string Symbol, double StartPrice)> Pairs { get; } =
    [
        ("BTC/USD", 50_000),
        ("ETH/USD", 3_000),
    ];

    /// <summary>The base asset of a pair: <c>BTC</c> for <c>BTC/USD</c>.</summary>
    public static string BaseOf(string symbol) => symbol[..symbol.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>The entity id of a pair's market feed: <c>market-BTC-USD</c>.</summary>
    public static string FeedId(string symbol) => MarketFeedEntity.Prefix + symbol.Replace('/', '-');

    /// <summary>The pair a feed id stands for.</summary>
    public static string SymbolOf(string feedId) => feedId[MarketFeedEntity.Prefix.Length..].Replace('-', '/');

    public static double StartPrice(string symbol) =>
        Pairs.First(p => p.Symbol == symbol).StartPrice;

    public static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.ToEven);
}
