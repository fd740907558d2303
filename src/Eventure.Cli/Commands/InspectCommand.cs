using System.Globalization;
using Eventure.Cli.Sources;

namespace Eventure.Cli.Commands;

/// <summary><c>eventure inspect SOURCE</c>: ticks, events, types with counts, roots, deepest cascade, size.</summary>
internal static class InspectCommand
{
    public static async Task<int> RunAsync(CliConsole console, JournalSource source)
    {
        var log = await console.WithProgressAsync("Reading", progress => source.LoadAsync(null, progress));
        CommandSupport.RequireEvents(log, source);
        var stats = LogStats.Of(log);
        var output = console.Out;
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine($"Source:          {source.Display}");
        if (source.SizeBytes is { } size)
        {
            output.WriteLine($"Size:            {size.ToString("N0", invariant)} bytes");
        }

        if (log.Events.Count == 0)
        {
            output.WriteLine("Events:          0 (empty log)");
            return 0;
        }

        output.WriteLine($"Ticks:           {stats.FirstTick.ToString(invariant)}-{log.CurrentTick.ToString(invariant)} ({stats.TicksWithEvents.ToString(invariant)} with events)");
        output.WriteLine($"Events:          {log.Events.Count.ToString(invariant)}");
        output.WriteLine($"Event types:     {stats.Types.Count.ToString(invariant)}");
        output.WriteLine($"Roots:           {stats.ViewerRoots.ToString(invariant)} (as the cascade viewer shows them)");
        output.WriteLine($"Cascades:        {stats.Cascades.Count.ToString(invariant)} (causal chains from a parentless event)");
        if (stats.Deepest is { } deepest)
        {
            output.WriteLine($"Deepest cascade: {deepest.Depth.ToString(invariant)} levels, {deepest.Size.ToString(invariant)} events, root {deepest.Root.Id} ({deepest.Root.Type}, tick {deepest.Root.Tick.ToString(invariant)})");
        }

        var largest = stats.Largest(1)[0];
        output.WriteLine($"Largest cascade: {largest.Size.ToString(invariant)} events, root {largest.Root.Id} ({largest.Root.Type}, tick {largest.Root.Tick.ToString(invariant)})");
        output.WriteLine();
        var width = Math.Max(4, stats.Types.Max(t => t.Type.Length));
        output.WriteLine($"  {"Type".PadRight(width)}  {"Count",7}");
        foreach (var (type, count) in stats.Types)
        {
            output.WriteLine($"  {type.PadRight(width)}  {count.ToString(invariant),7}");
        }

        return 0;
    }
}
