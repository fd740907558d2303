using Eventure.Cli.Sources;

namespace Eventure.Cli.Commands;

/// <summary>Checks shared by the commands.</summary>
internal static class CommandSupport
{
    /// <summary>Fails with a clear message when a journal source turned out empty.</summary>
    public static void RequireEvents(EventLog log, JournalSource source)
    {
        if (log.Events.Count == 0 && source.SimulationId is { } id)
        {
            throw new CliException($"No events for simulation '{id}' in {source.Display}.");
        }
    }
}
