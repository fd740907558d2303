using Akka.Configuration;
using Eventure.Actors.Persistence;
using Eventure.Actors;
using Eventure.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace Eventure.Cli.Sources;

/// <summary>
/// A SQLite journal file. Opened read-only: nothing is created or changed. Without <c>--sim</c>, the only
/// simulation in the file is used.
/// </summary>
internal sealed class SqliteSource : ActorJournalSource
{
    private readonly string _path;
    private string? _simulationId;
    private bool _validated;

    public SqliteSource(string path, string? simulationId)
    {
        _path = path;
        _simulationId = simulationId;
    }

    public override string Display => _simulationId is null ? $"{_path} (SQLite)" : $"{_path} (SQLite, simulation '{_simulationId}')";

    public override string? SimulationId
    {
        get
        {
            Validate();
            return _simulationId;
        }
    }

    public override long? SizeBytes => new FileInfo(_path).Length + FileLength(_path + "-wal");

    protected override Config JournalConfig => EventureConfig.SqliteReadOnly(_path);

    /// <summary>The simulation ids journaled in the file at <paramref name="path"/>, in order.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="noJournalIsEmpty">Read a database without a journal table (yet) as holding no simulation.</param>
    /// <exception cref="CliException">The file is not a readable Eventure journal.</exception>
    public static IReadOnlyList<string> ListSimulations(string path, bool noJournalIsEmpty = false)
    {
        try
        {
            using var connection = Open(path);
            using var command = connection.CreateCommand();
            command.CommandText = "select distinct persistence_id from event_journal where persistence_id like 'eventure-%' order by persistence_id";
            using var reader = command.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0)["eventure-".Length..]);
            }

            return ids;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1 && ex.Message.Contains("no such table", StringComparison.Ordinal))
        {
            if (noJournalIsEmpty)
            {
                return [];
            }

            throw new CliException($"{path} is a SQLite database but holds no Eventure journal (no event_journal table).");
        }
        catch (SqliteException ex)
        {
            throw new CliException($"Cannot read {path}: {Describe(ex)}", ex);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    protected override void Validate()
    {
        if (_validated)
        {
            return;
        }

        var simulations = ListSimulations(_path);
        if (_simulationId is null)
        {
            _simulationId = simulations.Count switch
            {
                1 => simulations[0],
                0 => throw new CliException($"{_path} holds no simulation."),
                _ => throw new CliException($"{_path} holds several simulations ({string.Join(", ", simulations)}); pick one with --sim ID.", 2),
            };
        }
        else if (!simulations.Contains(_simulationId, StringComparer.Ordinal))
        {
            var known = simulations.Count == 0 ? "none" : string.Join(", ", simulations);
            throw new CliException($"No simulation '{_simulationId}' in {_path} (it holds: {known}).");
        }

        _validated = true;
    }

    private static SqliteConnection Open(string path)
    {
        // A short busy timeout: a database locked by another process is reported in seconds, not after 30.
        var connection = new SqliteConnection(SqliteJournal.ReadOnlyConnectionString(path, busyTimeoutSeconds: 2));
        connection.Open();
        return connection;
    }

    /// <summary>A one-line reason for the common SQLite failures.</summary>
    internal static string Describe(SqliteException ex) => ex.SqliteErrorCode switch
    {
        5 or 6 => "the database is locked by another process (try again when it is done).",
        8 => "the database is read-only.",
        11 or 26 => "the file is corrupt or not a SQLite database.",
        14 => "the file cannot be opened (check the folder and permissions).",
        _ => ex.Message,
    };

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
