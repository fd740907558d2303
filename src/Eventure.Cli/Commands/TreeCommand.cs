using System.Globalization;
using Eventure.Cli.Sources;
using Spectre.Console;

namespace Eventure.Cli.Commands;

/// <summary>
/// <c>eventure tree SOURCE [--tick N] [--event ID] [--no-data] [--format plain|rich]</c>: the cascade viewer.
/// <c>plain</c> is the original library's exact layout; <c>rich</c> a Spectre tree, coloured on a terminal.
/// </summary>
internal static class TreeCommand
{
    public static async Task<int> RunAsync(CliConsole console, JournalSource source, long? tick, string? eventId, bool showData, string format)
    {
        var log = await console.WithProgressAsync("Reading", progress => source.LoadAsync(null, progress));
        CommandSupport.RequireEvents(log, source);
        var query = log.CreateQuery();
        Event? root = null;
        if (eventId is not null)
        {
            root = log.GetEventById(eventId) ?? throw new CliException($"No event '{eventId}' in {source.Display}.");
        }

        if (tick is { } t && !log.Events.Any(e => e.Tick == t) && t != log.CurrentTick)
        {
            throw new CliException($"Tick {t.ToString(CultureInfo.InvariantCulture)} has no events in {source.Display} (ticks {FirstTick(log)}-{log.CurrentTick.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (format == "rich")
        {
            WriteRich(console, log, query, tick, root, showData);
            return 0;
        }

        if (root is not null)
        {
            query.PrintSingleCascade(root, console.Out, showData);
        }
        else if (tick is { } only)
        {
            query.PrintTickCascade(only, console.Out, showData);
        }
        else
        {
            query.PrintEventCascade(console.Out, showData);
        }

        return 0;
    }

    private static string FirstTick(EventLog log) =>
        (log.Events.Count == 0 ? 0 : log.Events.Min(e => e.Tick)).ToString(CultureInfo.InvariantCulture);

    private static void WriteRich(CliConsole console, EventLog log, EventQuery query, long? tick, Event? root, bool showData)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = console.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = console.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(console.Out),
        });
        if (root is not null)
        {
            var single = new Tree(Label(root, null));
            AddChildren(single, root, query, showData);
            ansi.Write(single);
            return;
        }

        var ticks = log.Events.Select(e => e.Tick).Distinct().Order().Where(t => tick is null || t == tick);
        foreach (var t in ticks)
        {
            var tree = new Tree($"[bold]Tick {t.ToString(CultureInfo.InvariantCulture)}[/]");
            foreach (var start in query.GetRootEvents(t))
            {
                var parent = start.ParentId is null ? null : log.GetEventById(start.ParentId);
                AddChildren(tree.AddNode(Label(start, parent)), start, query, showData);
            }

            ansi.Write(tree);
        }
    }

    private static void AddChildren(IHasTreeNodes node, Event e, EventQuery query, bool showData)
    {
        if (showData)
        {
            foreach (var (key, value) in e.Data)
            {
                node.AddNode($"[grey]{Markup.Escape(key)}: {Markup.Escape(Json(value))}[/]");
            }
        }

        foreach (var child in query.GetChildEvents(e))
        {
            if (child.Tick == e.Tick)
            {
                AddChildren(node.AddNode(Label(child, null)), child, query, showData);
            }
            else
            {
                node.AddNode($"[yellow]↓ {Markup.Escape(child.Type)}[/] [grey]({Markup.Escape(child.Id)}, tick {child.Tick.ToString(CultureInfo.InvariantCulture)})[/]");
            }
        }
    }

    private static string Label(Event e, Event? crossTickParent)
    {
        var caused = crossTickParent is null ? string.Empty : $" [yellow](caused by {Markup.Escape(crossTickParent.Type)} @ tick {crossTickParent.Tick.ToString(CultureInfo.InvariantCulture)})[/]";
        return $"[bold aqua]{Markup.Escape(e.Type)}[/] [grey]{Markup.Escape(e.Id)}[/]{caused}";
    }

    private static string Json(object? value) => value switch
    {
        null => "null",
        string text => text,
        _ => System.Text.Json.JsonSerializer.Serialize(value),
    };
}
