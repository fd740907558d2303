using System.Globalization;
using Eventure.Cli.Sources;

namespace Eventure.Cli.Commands;

/// <summary><c>eventure replay SOURCE --until-tick N</c>: time travel, the log and its counts as of tick N.</summary>
internal static class ReplayCommand
{
    public static async Task<int> RunAsync(CliConsole console, JournalSource source, long untilTick, bool showData)
    {
        var log = await console.WithProgressAsync("Replaying", progress => source.LoadAsync(untilTick, progress));
        CommandSupport.RequireEvents(log, source);
        var invariant = CultureInfo.InvariantCulture;
        var output = console.Out;
        var stats = LogStats.Of(log);
        output.WriteLine($"As of tick {untilTick.ToString(invariant)} in {source.Display}:");
        output.WriteLine($"  events: {log.Events.Count.ToString(invariant)}, ticks with events: {stats.TicksWithEvents.ToString(invariant)}, roots: {stats.ViewerRoots.ToString(invariant)}");
        foreach (var (type, count) in stats.Types)
        {
            output.WriteLine($"  {type}: {count.ToString(invariant)}");
        }

        output.WriteLine();
        log.CreateQuery().PrintEventCascade(output, showData);
        return 0;
    }
}
