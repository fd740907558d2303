using Eventure.Cli.Sources;

namespace Eventure.Cli.Commands;

/// <summary>Checks shared by the commands.</summary>
internal static class CommandSupport
{
    /// <summary>
    /// Fails with a clear message when a PostgreSQL source turned out empty (an unknown simulation there reads as
    /// an empty log). SQLite sources check the simulation id up front, so an empty but existing log is fine.
    /// </summary>
    public static void RequireEvents(EventLog log, JournalSource source)
    {
        if (log.Events.Count == 0 && source is PostgresSource && source.SimulationId is { } id)
        {
            throw new CliException($"No events for simulation '{id}' in {source.Display}.");
        }
    }
}
