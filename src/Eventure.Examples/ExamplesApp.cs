using System.Globalization;
using Akka.Configuration;
using Eventure.Actors;
using Eventure.Examples.Adventure;
using Eventure.Examples.Crypto;
using Eventure.Examples.Hosting;

namespace Eventure.Examples;

/// <summary>The command line of the examples: <c>adventure</c>, <c>crypto</c> and <c>replay</c>.</summary>
internal static class ExamplesApp
{
    public const string Usage = """
        Eventure examples: deterministic, persisted actor simulations.

        Usage:
          dotnet run --project src/Eventure.Examples -- adventure [--seed 42] [--ticks N] [--nodes N] [--db PATH] [--journal FILE] [--fresh] [--out FILE.jsonl] [--verbose]
          dotnet run --project src/Eventure.Examples -- crypto [--seed 42] [--ticks 100] [--nodes N] [--realtime [--interval MS]] [--db PATH] [--journal FILE] [--fresh] [--out FILE.jsonl] [--verbose]
          dotnet run --project src/Eventure.Examples -- replay adventure|crypto [--until-tick N] [--db PATH] [--journal FILE] [--verbose]
          dotnet run --project src/Eventure.Examples -- node crypto --port P --seed-nodes HOST:PORT[,...] [--drive] (node --help)
          dotnet run --project src/Eventure.Examples -- --help

        Commands:
          adventure   Play the dungeon adventure (a player, six rooms and four enemies, each an actor) and print
                      the cascade viewer, a summary and query demonstrations.
          crypto      Run the trading bot (two market feeds, a moving-average crossover strategy, an exchange and a
                      portfolio) and print the trade summary and the cascade of the first BUY signal.
          node        Run one member of a cluster that runs crypto, as its own process (docs/cluster.md).
          replay      Rebuild an example's state from its journal alone (nothing is re-simulated) and print it;
                      with --until-tick N, the state as of tick N.

        Options:
          --seed N          Seed of every random stream (default 42). The same seed gives a byte-identical log.
          --ticks N         crypto: price updates to run (default 100). A resumed run adds N more.
                            adventure: play at most N ticks (default: until the game ends); run again to go on.
          --realtime        crypto: one tick per --interval (default 100 ms) instead of as fast as possible.
          --nodes N         Run on N actor systems clustered over loopback TCP in this process (default 1): the
                            coordinator a cluster singleton, the entities in sharded partitions. Same result, same
                            journal as one node (docs/cluster.md).
          --db PATH         The SQLite journal file (default eventure-data/adventure.db or eventure-data/crypto.db).
          --journal FILE    A HOCON journal overlay instead, e.g. hocon/inmem.conf (nothing kept) or hocon/sqlite.conf.
          --fresh           Delete the SQLite journal first and start from tick 0.
          --out FILE.jsonl  Also export the log as JSON lines (the original library's format).
          --until-tick N    replay: stop at tick N (time travel).
          --verbose         Show Akka's own log (warnings and errors) and stack traces with errors.
          --help            Show this help.

        Journals: runs are saved to SQLite under eventure-data/ by default. Re-running 'adventure' continues an
        unfinished game from its journal, or shows the finished one (add --fresh to play again); re-running 'crypto'
        resumes where the last run stopped and adds --ticks more. One process at a time writes a simulation: a
        second one started on the same journal refuses before running any tick. Exit codes: 0 success, 1 runtime
        error, 2 bad arguments.
        """;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) => RunAsync(args, output, error, extraConfig: null);

    /// <summary>Runs a command; <paramref name="extraConfig"/> lets tests set the dispatcher.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Config? extraConfig)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "node")
        {
            if (args.Length > 1 && args[1] is "--help" or "-h")
            {
                output.WriteLine(NodeCommand.Usage);
                return 0;
            }

            return await NodeCommand.RunAsync(args[1..], output, error);
        }

        ExampleArguments arguments;
        try
        {
            if (args[0] is not ("adventure" or "crypto" or "replay"))
            {
                throw new ArgumentException($"Unknown command '{args[0]}'. Run with --help to see the commands.");
            }

            arguments = ExampleArguments.Parse(args[0], args[1..]);
        }
        catch (ArgumentException ex)
        {
            error.WriteLine(ex.Message);
            return 2;
        }

        var example = arguments.Target ?? arguments.Command;
        try
        {
            await using var host = await ExampleHost.OpenAsync(example, arguments.Journal, extraConfig, arguments.Verbose, arguments.Nodes);
            if (arguments.Nodes > 1)
            {
                output.WriteLine($"Clustered: {arguments.Nodes.ToString(Invariant)} actor systems over 127.0.0.1 in this process (the coordinator a singleton on the first, the entities in sharded partitions on all).");
            }

            return arguments.Command switch
            {
                "adventure" => await AdventureAsync(host, arguments, output),
                "crypto" => await CryptoAsync(host, arguments, output),
                _ => await ReplayAsync(host, example, arguments.UntilTick, output, error),
            };
        }
        catch (Exception ex) when (ex is SimulationException or IOException or UnauthorizedAccessException or ConfigurationException or Akka.Actor.AskTimeoutException
            or Microsoft.Data.Sqlite.SqliteException or TimeoutException)
        {
            error.WriteLine($"{example}: {ex.Message}");
            if (arguments.Verbose)
            {
                error.WriteLine(ex.ToString());
            }

            return 1;
        }
    }

    private static async Task<int> AdventureAsync(ExampleHost host, ExampleArguments arguments, TextWriter output)
    {
        var simulation = await host.StartAsync(AdventureSimulation.Id, arguments.Seed, AdventureSimulation.Registry());
        var stored = await simulation.GetLogAsync();
        EventLog log;
        if (AdventureSimulation.IsFinished(stored))
        {
            output.WriteLine($"The journal ({host.Journal}) already holds a finished game: showing it. Run with --fresh to play a new one.");
            log = stored;
        }
        else
        {
            var next = await ResumedTickAsync(simulation, arguments.Seed, host);
            output.WriteLine(next == 0
                ? $"Adventure, seed {arguments.Seed.ToString(Invariant)}, journal: {host.Journal}"
                : $"Resuming the adventure at tick {next.ToString(Invariant)} (journal: {host.Journal})");
            log = await AdventureSimulation.PlayAsync(simulation, arguments.Ticks);
        }

        await simulation.StopAsync();
        output.WriteLine();
        log.CreateQuery().PrintEventCascade(output);
        AdventureReport.Print(log, output);
        if (!AdventureSimulation.IsFinished(log))
        {
            output.WriteLine();
            var next = (log.CurrentTick + 1).ToString(Invariant);
            output.WriteLine(host.KeepsNothing
                ? $"The game stopped before tick {next}; the in-memory journal keeps nothing, so it cannot be continued."
                : $"The game goes on: run 'adventure' again on the same journal to continue from tick {next}.");
        }

        Finish(log, arguments, AdventureSimulation.Id, host, output);
        return 0;
    }

    private static async Task<int> CryptoAsync(ExampleHost host, ExampleArguments arguments, TextWriter output)
    {
        var simulation = await host.StartAsync(CryptoSimulation.Id, arguments.Seed, CryptoSimulation.Registry());
        var next = await ResumedTickAsync(simulation, arguments.Seed, host);
        var ticks = arguments.CryptoTicks;
        output.WriteLine(next == 0
            ? $"Crypto trading bot, seed {arguments.Seed.ToString(Invariant)}, {ticks.ToString(Invariant)} ticks{(arguments.Realtime ? " in real time" : string.Empty)}, journal: {host.Journal}"
            : $"Resuming the crypto run at tick {next.ToString(Invariant)} for {ticks.ToString(Invariant)} more ticks (journal: {host.Journal}; use the seed of the first run, or --fresh)");
        var log = await CryptoSimulation.RunAsync(host.System, simulation, ticks, arguments.Realtime ? arguments.Interval : null);
        await simulation.StopAsync();
        output.WriteLine();
        CryptoReport.Print(log, output);
        Finish(log, arguments, CryptoSimulation.Id, host, output);
        return 0;
    }

    /// <summary>The tick a recovered simulation continues at (0 when new); a journal written with another seed is refused.</summary>
    /// <exception cref="SimulationException">The journal was written with another seed (the simulation is stopped).</exception>
    private static async Task<long> ResumedTickAsync(Simulation simulation, int seed, ExampleHost host)
    {
        var next = (await simulation.GetStatusAsync()).NextTick;
        if (next > 0 && Simulation.SeedOf(await simulation.GetLogAsync(untilTick: 0)) is { } journaled && journaled != seed)
        {
            await simulation.StopAsync();
            throw new SimulationException(
                $"the journal ({host.Journal}) was written with seed {journaled.ToString(Invariant)}; resume with --seed {journaled.ToString(Invariant)}, or start over with --fresh.");
        }

        return next;
    }

    private static async Task<int> ReplayAsync(ExampleHost host, string example, long? untilTick, TextWriter output, TextWriter error)
    {
        var log = await host.ReadAsync(example, untilTick);
        if (log.Events.Count == 0)
        {
            error.WriteLine($"No '{example}' simulation in the journal ({host.Journal}). Run the example first: dotnet run --project src/Eventure.Examples -- {example}");
            return 1;
        }

        var until = untilTick is { } tick ? $" up to tick {tick.ToString(Invariant)}" : string.Empty;
        output.WriteLine($"Replayed {log.Events.Count.ToString(Invariant)} events{until} (ticks 0-{log.CurrentTick.ToString(Invariant)}) from {host.Journal}, without re-simulating.");
        output.WriteLine();
        if (example == AdventureSimulation.Id)
        {
            AdventureReport.PrintSummary(AdventureState.Replay(log.Events), output);
        }
        else
        {
            CryptoReport.PrintSummary(CryptoState.Replay(log.Events), output);
        }

        return 0;
    }

    private static void Finish(EventLog log, ExampleArguments arguments, string example, ExampleHost host, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Journal: {host.Journal}, simulation '{example}': {log.Events.Count.ToString(Invariant)} events, ticks 0-{log.CurrentTick.ToString(Invariant)}.");
        output.WriteLine($"Rebuild the state from it with: dotnet run --project src/Eventure.Examples -- replay {example}");
        if (arguments.OutPath is { } path)
        {
            log.SaveToFile(path);
            output.WriteLine($"Saved {log.Events.Count.ToString(Invariant)} events to {path}");
        }
    }
}
