using System.Globalization;
using Eventure.Examples.Hosting;

namespace Eventure.Examples;

/// <summary>The parsed command line of the examples.</summary>
/// <remarks><c>Ticks</c> is <c>--ticks</c>: crypto's price updates, the adventure's most ticks to play; null when not given.</remarks>
internal sealed record ExampleArguments(
    string Command,
    string? Target,
    int Seed,
    long? Ticks,
    bool Realtime,
    TimeSpan Interval,
    long? UntilTick,
    string? OutPath,
    JournalChoice Journal,
    bool Verbose = false,
    int Nodes = 1)
{
    /// <summary>The ticks a crypto run adds: <c>--ticks</c>, 100 by default.</summary>
    public long CryptoTicks => Ticks ?? 100;

    /// <summary>Parses <paramref name="args"/> (after the command).</summary>
    /// <exception cref="ArgumentException">An option is unknown, incomplete or out of range (the message says which).</exception>
    public static ExampleArguments Parse(string command, IReadOnlyList<string> args)
    {
        string? target = null;
        var seed = 42;
        long? ticks = null;
        var realtime = false;
        var interval = TimeSpan.FromMilliseconds(100);
        long? untilTick = null;
        string? outPath = null;
        string? db = null;
        string? journal = null;
        var fresh = false;
        var verbose = false;
        var nodes = 1;
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            switch (option)
            {
                case "--seed":
                    seed = (int)Number(args, ref i, int.MinValue, int.MaxValue);
                    break;
                case "--ticks" when command is "crypto" or "adventure":
                    ticks = Number(args, ref i, command == "crypto" ? 0 : 1, 10_000_000);
                    break;
                case "--realtime" when command == "crypto":
                    realtime = true;
                    break;
                case "--interval" when command == "crypto":
                    interval = TimeSpan.FromMilliseconds(Number(args, ref i, 1, 3_600_000));
                    break;
                case "--until-tick" when command == "replay":
                    untilTick = Number(args, ref i, 0, long.MaxValue);
                    break;
                case "--out" when command != "replay":
                    outPath = Value(args, ref i);
                    break;
                case "--nodes" when command != "replay":
                    nodes = (int)Number(args, ref i, 1, 16);
                    break;
                case "--db":
                    db = Value(args, ref i);
                    break;
                case "--journal":
                    journal = Value(args, ref i);
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                case "--fresh" when command != "replay":
                    fresh = true;
                    break;
                case "adventure" or "crypto" when command == "replay" && target is null:
                    target = option;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{option}' for '{command}'. Run with --help to see the options.");
            }
        }

        if (command == "replay" && target is null)
        {
            throw new ArgumentException("'replay' needs the example to replay: replay adventure|crypto [--until-tick N].");
        }

        return new ExampleArguments(command, target, seed, ticks, realtime, interval, untilTick, outPath, new JournalChoice(db, journal, fresh), verbose, nodes);
    }

    /// <summary>The value of the option at <paramref name="i"/> (which moves past it); an error naming the option when it has none.</summary>
    internal static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Option '{args[i]}' needs a value.");
        }

        return args[++i];
    }

    /// <summary>The whole-number value of the option at <paramref name="i"/>, from <paramref name="min"/> to <paramref name="max"/>.</summary>
    internal static long Number(IReadOnlyList<string> args, ref int i, long min, long max)
    {
        var option = args[i];
        var text = Value(args, ref i);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"Option '{option}' needs a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'.");
        }

        return value;
    }
}
