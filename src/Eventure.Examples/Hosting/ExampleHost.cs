using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;
using Eventure.Actors.Persistence;
using Eventure.Cluster;
using Eventure.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace Eventure.Examples.Hosting;

/// <summary>
/// One actor system for one example run, on the journal the user chose: the SQLite file by default, or a
/// HOCON overlay; with <c>--nodes N</c>, N actor systems clustered over loopback TCP in this process (the simulation's
/// singleton on the first, its partitions on all). Disposing terminates the systems and releases the database file.
/// </summary>
internal sealed class ExampleHost : IAsyncDisposable
{
    // Expected failures reach the user as one line; Akka's own log of them only with --verbose.
    private const string Quiet = """
        akka.loglevel = OFF
        akka.stdout-loglevel = OFF
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """;

    private const string Verbose = """
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        """;

    private readonly LocalCluster? _cluster;

    private ExampleHost(ActorSystem system, Config config, string journal, LocalCluster? cluster = null)
    {
        System = system;
        Config = config;
        Journal = journal;
        _cluster = cluster;
    }

    public ActorSystem System { get; }

    public Config Config { get; }

    /// <summary>A one-line description of the journal, for the user.</summary>
    public string Journal { get; }

    /// <summary>Whether the journal is Akka's in-memory one: nothing is left for a next run to resume.</summary>
    public bool KeepsNothing => Config.GetString("akka.persistence.journal.plugin") == "akka.persistence.journal.inmem";

    /// <summary>Opens the journal for <paramref name="example"/> and starts an actor system on it.</summary>
    /// <param name="example">The example (and simulation) id.</param>
    /// <param name="choice">The user's journal options.</param>
    /// <param name="extra">More configuration on top (tests set dispatcher threads here).</param>
    /// <param name="verbose">Let Akka log warnings and errors to the console.</param>
    /// <param name="nodes">How many clustered actor systems to run (1: one plain actor system).</param>
    /// <exception cref="FileNotFoundException">The overlay file does not exist.</exception>
    /// <exception cref="SimulationException">--fresh on a journal another process is writing.</exception>
    public static async Task<ExampleHost> OpenAsync(string example, JournalChoice choice, Config? extra = null, bool verbose = false, int nodes = 1)
    {
        ArgumentNullException.ThrowIfNull(choice);
        Config config;
        if (choice.JournalFile is { } overlay)
        {
            config = EventureConfig.Load(overlay, choice.DatabasePath);
        }
        else
        {
            config = EventureConfig.Sqlite(choice.DatabasePath ?? JournalChoice.DefaultDatabase(example));
        }

        string journal;
        if (EventureConfig.SqlitePathOf(config) is { } database)
        {
            if (choice.Fresh)
            {
                Delete(database, example);
            }

            SqliteJournal.Prepare(database);
            journal = $"SQLite {Path.GetRelativePath(Environment.CurrentDirectory, database)}";
        }
        else
        {
            journal = choice.JournalFile ?? "in-memory";
        }

        config = ConfigurationFactory.ParseString(verbose ? Quiet + "\n" + Verbose : Quiet).WithFallback(config);
        if (extra is not null)
        {
            config = extra.WithFallback(config);
        }

        if (nodes > 1)
        {
            var cluster = await LocalCluster.StartAsync("eventure-" + example, nodes, config);
            return new ExampleHost(cluster.Systems[0], config, journal, cluster);
        }

        return new ExampleHost(ActorSystem.Create("eventure-" + example, config), config, journal);
    }

    /// <summary>
    /// Starts (or recovers) simulation <paramref name="id"/>: persistent on a SQLite or PostgreSQL journal, in memory on
    /// the in-memory one, under the simulation's writer lease.
    /// </summary>
    /// <exception cref="SimulationException">Another process is writing the simulation.</exception>
    public async Task<Simulation> StartAsync(string id, int seed, EntityRegistry registry)
    {
        var options = new SimulationOptions { Id = id, Seed = seed, Entities = registry };
        return _cluster is null ? await Simulation.StartAsync(System, options) : (await _cluster.StartSimulationAsync(() => options))[0];
    }

    /// <summary>Reads simulation <paramref name="id"/> from the journal alone (no entities, no simulation).</summary>
    public Task<EventLog> ReadAsync(string id, long? untilTick) => JournalReader.LoadAsync(System, id, untilTick);

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await System.Terminate();
        SqliteJournal.ReleaseConnections();
    }

    private static void Delete(string database, string example)
    {
        if (LeaseIsLive(database, example))
        {
            throw new SimulationException(
                $"simulation '{example}' in SQLite {Path.GetRelativePath(Environment.CurrentDirectory, database)} is being written by another process; --fresh deleted nothing.");
        }

        SqliteJournal.ReleaseConnections();
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Whether another process holds the simulation's writer lease in <paramref name="database"/> (read-only look).</summary>
    private static bool LeaseIsLive(string database, string example)
    {
        if (!File.Exists(database))
        {
            return false;
        }

        try
        {
            using var connection = new SqliteConnection(SqliteJournal.ReadOnlyConnectionString(database, busyTimeoutSeconds: 5));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "select count(*) from eventure_lease where name = $name and expires_at >= CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
            command.Parameters.AddWithValue("$name", EventLogActor.PersistenceIdOf(example));
            return (long)command.ExecuteScalar()! > 0;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1)
        {
            return false; // no lease table: nobody ever wrote under a lease
        }
        finally
        {
            SqliteJournal.ReleaseConnections();
        }
    }
}
