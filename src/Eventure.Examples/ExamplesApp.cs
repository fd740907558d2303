using System.Globalization;
using Eventure.Examples.Adventure;

namespace Eventure.Examples;

/// <summary>The command line of the examples: <c>adventure [--seed N] [--out FILE.jsonl]</c>.</summary>
internal static class ExamplesApp
{
    private const string Usage = """
        Eventure examples

        Usage:
          dotnet run --project src/Eventure.Examples -- adventure [--seed 42] [--out FILE.jsonl]
          dotnet run --project src/Eventure.Examples -- --help

        Commands:
          adventure   Play the scripted dungeon adventure and print its cascade viewer, summary and queries.

        Options:
          --seed N          Seed for every random roll (default 42). The same seed gives the same log.
          --out FILE.jsonl  Also save the event log as JSON lines (the original library's format).
          --help            Show this help.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 1 : 0;
        }

        if (args[0] != "adventure")
        {
            error.WriteLine($"Unknown command '{args[0]}'. Run with --help to see the commands.");
            return 2;
        }

        var seed = 42;
        string? outPath = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                    seed = parsed;
                    i++;
                    break;
                case "--out" when i + 1 < args.Length:
                    outPath = args[++i];
                    break;
                default:
                    error.WriteLine($"Unknown or incomplete option '{args[i]}'. Run with --help to see the options.");
                    return 2;
            }
        }

        EventLog? log = null;
        var clock = new VirtualClock(VirtualClock.DefaultStart, TimeSpan.FromSeconds(1), () => log?.CurrentTick ?? 0);
        var game = new AdventureGame(seed, clock);
        log = game.Log;
        game.Play();
        game.Log.CreateQuery().PrintEventCascade(output);
        game.PrintReport(output);
        if (outPath is not null)
        {
            game.Log.SaveToFile(outPath);
            output.WriteLine();
            output.WriteLine($"Saved {game.Log.Events.Count.ToString(CultureInfo.InvariantCulture)} events to {outPath}");
        }

        return 0;
    }
}
