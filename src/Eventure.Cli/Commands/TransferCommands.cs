using System.Collections.Immutable;
using System.Globalization;
using Akka.Actor;
using Eventure.Actors.Persistence;
using Eventure.Actors;
using Eventure.Cli.Sources;
using Eventure.Persistence.Sql;

namespace Eventure.Cli.Commands;

/// <summary>
/// <c>eventure export SOURCE -o FILE.jsonl</c> and <c>eventure import FILE.jsonl --db PATH --sim ID</c>: journals
/// to and from the original library's JSON lines. A round trip is byte-exact.
/// </summary>
internal static class TransferCommands
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromMinutes(2);

    public static async Task<int> ExportAsync(CliConsole console, JournalSource source, string sourcePath, string outPath)
    {
        if (string.Equals(Path.GetFullPath(sourcePath), Path.GetFullPath(outPath), StringComparison.Ordinal))
        {
            throw new CliException("The output file is the source; choose another -o path (sources are never written).", 2);
        }

        var log = await console.WithProgressAsync("Exporting", async progress =>
        {
            var loaded = await source.LoadAsync(null, new ScaledProgress(progress, 0, 0.8));
            CommandSupport.RequireEvents(loaded, source);
            loaded.SaveToFile(outPath);
            progress.Report(1);
            return loaded;
        });
        console.Out.WriteLine($"Exported {log.Events.Count.ToString(CultureInfo.InvariantCulture)} events (ticks to {log.CurrentTick.ToString(CultureInfo.InvariantCulture)}) from {source.Display} to {outPath}");
        return 0;
    }

    public static async Task<int> ImportAsync(CliConsole console, string inputPath, string databasePath, string simulationId)
    {
        if (!File.Exists(inputPath))
        {
            throw new CliException($"No such file: {inputPath}");
        }

        var log = EventLog.LoadFromFile(inputPath);
        var ticks = TicksOf(log, inputPath);
        if (File.Exists(databasePath) && SqliteSource.ListSimulations(databasePath, noJournalIsEmpty: true).Contains(simulationId, StringComparer.Ordinal))
        {
            throw new CliException($"{databasePath} already holds simulation '{simulationId}'; nothing was imported. Choose another --sim.");
        }

        if (File.Exists(databasePath) && IsReadOnly(databasePath))
        {
            throw new CliException($"Cannot write {databasePath}: the database is read-only; nothing was imported.");
        }

        try
        {
            SqliteJournal.Prepare(databasePath);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            throw new CliException($"Cannot write {databasePath}: {SqliteSource.Describe(ex)}", ex);
        }

        var system = QuietActorSystem.Create("eventure-import", EventureConfig.Sqlite(databasePath));
        try
        {
            // JournalWriter writes under the simulation's writer lease: an import never races a running simulation (or
            // another import) of that id, and refuses before writing anything.
            await console.WithProgressAsync("Importing", progress => JournalWriter.WriteTicksAsync(
                system,
                simulationId,
                ticks.Select(t => new StoredTick(t.Tick, t.Events, [], Checksum: 0)),
                new TicksStored(progress, ticks.Count),
                WriteTimeout));
        }
        finally
        {
            await system.Terminate();
            SqliteJournal.ReleaseConnections();
        }

        console.Out.WriteLine($"Imported {log.Events.Count.ToString(CultureInfo.InvariantCulture)} events in {ticks.Count.ToString(CultureInfo.InvariantCulture)} ticks from {inputPath} into {databasePath} as simulation '{simulationId}'");
        return 0;
    }

    /// <summary>
    /// The log's ticks in order, each with its events, plus the current tick when it has none (so it survives).
    /// The journal stores ticks in ascending order from 0, so a file whose ticks go backwards or below 0 is refused.
    /// </summary>
    private static List<(long Tick, ImmutableArray<Event> Events)> TicksOf(EventLog log, string path)
    {
        var ticks = new List<(long Tick, ImmutableArray<Event> Events)>();
        var current = ImmutableArray.CreateBuilder<Event>();
        long? tick = null;
        for (var i = 0; i < log.Events.Count; i++)
        {
            var e = log.Events[i];
            if (e.Tick < 0 || (tick is { } previous && e.Tick < previous))
            {
                throw new CliException($"{path}: event {e.Id} (event {(i + 1).ToString(CultureInfo.InvariantCulture)}) is at tick {e.Tick.ToString(CultureInfo.InvariantCulture)}, "
                    + (e.Tick < 0 ? "below 0" : "before the tick of the event above it") + "; a journal stores ticks from 0 in ascending order. Nothing was imported.");
            }

            if (tick != e.Tick && tick is { } done)
            {
                ticks.Add((done, current.ToImmutable()));
                current.Clear();
            }

            tick = e.Tick;
            current.Add(e);
        }

        if (tick is { } last)
        {
            ticks.Add((last, current.ToImmutable()));
        }

        if (ticks.Count == 0 || log.CurrentTick > ticks[^1].Tick)
        {
            ticks.Add((Math.Max(0, log.CurrentTick), []));
        }

        return ticks;
    }

    /// <summary>Read-only by attribute or, on Unix, with no write permission bit at all (root ignores the bits).</summary>
    private static bool IsReadOnly(string path)
    {
        if (new FileInfo(path).IsReadOnly)
        {
            return true;
        }

        const UnixFileMode anyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        return !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & anyWrite) == 0;
    }

    /// <summary>Reports stored ticks as a fraction, on the writer's thread (a <see cref="Progress{T}"/> would post them out of order).</summary>
    private sealed class TicksStored(IProgress<double> progress, int total) : IProgress<int>
    {
        public void Report(int value) => progress.Report(value / (double)total);
    }
}
