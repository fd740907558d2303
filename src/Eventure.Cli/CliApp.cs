using System.CommandLine;
using Eventure.Cli.Commands;
using Eventure.Cli.Scenarios;
using Eventure.Cli.Sources;

namespace Eventure.Cli;

/// <summary>
/// The <c>eventure</c> command line. Exit codes: 0 success, 1 failure (including a failed <c>verify</c>),
/// 2 bad usage. Errors are one line on standard error; <c>--verbose</c> adds the stack trace.
/// </summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var console = new CliConsole(output, error);
        var verbose = new Option<bool>("--verbose") { Description = "Print stack traces with errors, and Akka's own warnings and errors.", Recursive = true };
        var root = new RootCommand("eventure: look into Eventure simulation journals and JSON-lines logs.");
        root.Options.Add(verbose);
        foreach (var command in Commands(console))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine(problem.Message);
            }

            error.WriteLine("Run 'eventure --help' for usage.");
            return 2;
        }

        QuietActorSystem.Verbose = parse.GetValue(verbose);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (Describe(ex) is { } message)
        {
            error.WriteLine($"eventure: {message}");
            if (parse.GetValue(verbose))
            {
                error.WriteLine(ex.ToString());
            }

            return ex is CliException cli ? cli.ExitCode : 1;
        }
    }

    /// <summary>A one-line message for the failures a user can cause; null for bugs (they propagate).</summary>
    private static string? Describe(Exception ex) => ex switch
    {
        CliException cli => cli.Message,
        EventLogFormatException format => format.Message,
        Microsoft.Data.Sqlite.SqliteException sqlite => SqliteSource.Describe(sqlite),
        IOException or UnauthorizedAccessException => ex.Message,
        Actors.SimulationException or Akka.Actor.AskTimeoutException => ex.Message,
        OperationCanceledException => "cancelled.",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        _ => null,
    };

    private static IEnumerable<Command> Commands(CliConsole console)
    {
        var noData = new Option<bool>("--no-data") { Description = "Leave out each event's data." };

        var inspect = new Command("inspect", "Ticks, events, event types with counts, roots, deepest cascade, size.");
        var (inspectSource, inspectSim) = AddSource(inspect);
        inspect.SetAction((parse, _) => InspectCommand.RunAsync(console, Open(parse, inspectSource, inspectSim)));
        yield return inspect;

        var tree = new Command("tree", "The cascade viewer (plain = the original library's exact layout).");
        var (treeSource, treeSim) = AddSource(tree);
        var tick = new Option<long?>("--tick") { Description = "Only this tick's box." };
        var eventId = new Option<string?>("--event") { Description = "Only the cascade under this event id." };
        var format = new Option<string>("--format") { Description = "plain (default) or rich (a Spectre tree, coloured on a terminal).", DefaultValueFactory = _ => "plain" };
        format.AcceptOnlyFromAmong("plain", "rich");
        tree.Options.Add(tick);
        tree.Options.Add(eventId);
        tree.Options.Add(noData);
        tree.Options.Add(format);
        tree.SetAction((parse, _) => TreeCommand.RunAsync(console, Open(parse, treeSource, treeSim), parse.GetValue(tick), parse.GetValue(eventId), !parse.GetValue(noData), parse.GetValue(format)!));
        yield return tree;

        var export = new Command("export", "Write the log as JSON lines (the original library's format).");
        var (exportSource, exportSim) = AddSource(export);
        var exportOut = new Option<string>("--output", "-o") { Description = "The .jsonl file to write.", Required = true };
        export.Options.Add(exportOut);
        export.SetAction((parse, _) => TransferCommands.ExportAsync(console, Open(parse, exportSource, exportSim), parse.GetValue(exportSource)!, parse.GetValue(exportOut)!));
        yield return export;

        var import = new Command("import", "Store a JSON-lines log as a simulation in a SQLite journal.");
        var importFile = new Argument<string>("file") { Description = "The .jsonl file to read." };
        var db = new Option<string>("--db") { Description = "The SQLite journal to write (created if missing).", Required = true };
        var sim = new Option<string>("--sim") { Description = "The simulation id to store it as (must be new in that journal).", Required = true };
        import.Arguments.Add(importFile);
        import.Options.Add(db);
        import.Options.Add(sim);
        import.SetAction((parse, _) => TransferCommands.ImportAsync(console, parse.GetValue(importFile)!, parse.GetValue(db)!, parse.GetValue(sim)!));
        yield return import;

        var replay = new Command("replay", "Time travel: the log and its counts as of a tick.");
        var (replaySource, replaySim) = AddSource(replay);
        var until = new Option<long>("--until-tick") { Description = "The last tick to include.", Required = true };
        replay.Options.Add(until);
        replay.Options.Add(noData);
        replay.SetAction((parse, _) => ReplayCommand.RunAsync(console, Open(parse, replaySource, replaySim), parse.GetValue(until), !parse.GetValue(noData)));
        yield return replay;

        var verify = new Command("verify", "Re-simulate a journal from its scenario and journaled seed and compare every tick (exit 1 on divergence).");
        var (verifySource, verifySim) = AddSource(verify);
        var scenario = new Option<string?>("--scenario") { Description = "The assembly (.dll) holding the simulation's public ISimulationScenario." };
        var example = new Option<string?>("--example") { Description = "adventure or crypto: the examples' scenarios (Eventure.Examples.dll, found beside eventure or in the repository)." };
        example.AcceptOnlyFromAmong("adventure", "crypto");
        var stored = new Option<bool>("--stored") { Description = "Check the stored rows against the digests stored with them (no scenario needed): names the first tick whose rows changed." };
        verify.Options.Add(scenario);
        verify.Options.Add(example);
        verify.Options.Add(stored);
        verify.Validators.Add(result =>
        {
            // Tokens, not values: an invalid --example is reported by its own check.
            var named = result.GetResult(example);
            var ways = (result.GetResult(scenario) is null ? 0 : 1) + (named is null ? 0 : 1) + (result.GetResult(stored) is null ? 0 : 1);
            if (ways != 1)
            {
                result.AddError("verify needs one of --scenario PATH.dll, --example adventure|crypto or --stored.");
            }
            else if (named is { Tokens: [{ Value: var name }] } && result.GetResult(verifySim) is { Tokens: [{ Value: var sim }] } && sim != name)
            {
                result.AddError($"--example {name} verifies the simulation '{name}', not '{sim}'; use --scenario for other ids.");
            }
        });
        verify.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(stored))
            {
                return VerifyCommand.RunStoredAsync(console, JournalSource.Open(parse.GetValue(verifySource)!, parse.GetValue(verifySim)), cancellationToken);
            }

            var name = parse.GetValue(example);
            var assembly = parse.GetValue(scenario) ?? ExampleScenarios.Locate();
            var source = JournalSource.Open(parse.GetValue(verifySource)!, parse.GetValue(verifySim) ?? name);
            return VerifyCommand.RunAsync(console, source, assembly, cancellationToken);
        });
        yield return verify;

        var report = new Command("report", "Write one self-contained HTML report (inline SVG charts, no network).");
        var (reportSource, reportSim) = AddSource(report);
        var reportOut = new Option<string>("--output", "-o") { Description = "The .html file to write.", Required = true };
        report.Options.Add(reportOut);
        report.SetAction((parse, _) => ReportCommand.RunAsync(console, Open(parse, reportSource, reportSim), parse.GetValue(reportOut)!));
        yield return report;
    }

    private static (Argument<string> Source, Option<string?> Sim) AddSource(Command command)
    {
        var source = new Argument<string>("source")
        {
            Description = "A SQLite journal file, a .jsonl log, or postgres:CONNECTION-STRING.",
        };
        var sim = new Option<string?>("--sim") { Description = "The simulation id in a journal (optional when it holds one)." };
        command.Arguments.Add(source);
        command.Options.Add(sim);
        return (source, sim);
    }

    private static JournalSource Open(ParseResult parse, Argument<string> source, Option<string?> sim) =>
        JournalSource.Open(parse.GetValue(source)!, parse.GetValue(sim));
}
