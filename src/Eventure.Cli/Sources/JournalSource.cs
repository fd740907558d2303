using Eventure.Actors.Persistence;
using Eventure.Actors;
using Eventure.Persistence.Sql;

namespace Eventure.Cli.Sources;

/// <summary>
/// Where a simulation's history comes from: a JSON-lines file (the original library's format), a SQLite
/// journal file, or a PostgreSQL journal (<c>postgres:CONNECTION-STRING</c>). Sources are only ever read.
/// </summary>
internal abstract class JournalSource
{
    /// <summary>A short description for messages, e.g. <c>game.db (SQLite, simulation 'adventure')</c>.</summary>
    public abstract string Display { get; }

    /// <summary>The simulation id, when the source is a journal.</summary>
    public virtual string? SimulationId => null;

    /// <summary>The size on disk in bytes, when the source is a file.</summary>
    public abstract long? SizeBytes { get; }

    /// <summary>Reads the log (up to <paramref name="untilTick"/> when given).</summary>
    public abstract Task<EventLog> LoadAsync(long? untilTick, IProgress<double> progress);

    /// <summary>The stored ticks with their journaled checksums; null for sources without checksums (JSONL).</summary>
    public virtual Task<IReadOnlyList<StoredTick>?> LoadTicksAsync() => Task.FromResult<IReadOnlyList<StoredTick>?>(null);

    /// <summary>
    /// Opens <paramref name="text"/>: <c>postgres:...</c>, a SQLite file (recognized by its header, whatever
    /// its name), or else a JSON-lines file.
    /// </summary>
    /// <exception cref="CliException">The file does not exist, or a journal needs a simulation id.</exception>
    public static JournalSource Open(string text, string? simulationId)
    {
        if (text.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase))
        {
            return new PostgresSource(text["postgres:".Length..], simulationId ?? throw new CliException("A PostgreSQL source needs --sim ID.", 2));
        }

        if (Directory.Exists(text))
        {
            throw new CliException($"{text} is a folder; name a journal database or a .jsonl file.");
        }

        if (!File.Exists(text))
        {
            throw new CliException($"No such file: {text}");
        }

        return SqliteJournal.IsSqliteDatabase(text) ? new SqliteSource(text, simulationId) : new JsonlSource(text);
    }

    /// <summary>The log of <paramref name="full"/> as of <paramref name="untilTick"/>.</summary>
    protected static EventLog Truncate(EventLog full, long? untilTick) => untilTick is null ? full : full.Copy(untilTick);
}
