using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors.Persistence;
using Eventure.Actors;
using Eventure.Persistence.Sql;

namespace Eventure.Examples.Hosting;

/// <summary>
/// One actor system for one example run, on the journal the user chose: the SQLite file by default, or a
/// HOCON overlay. Disposing terminates the system and releases the database file.
/// </summary>
internal sealed class ExampleHost : IAsyncDisposable
{
    private const string Quiet = """
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """;

    private ExampleHost(ActorSystem system, Config config, string journal)
    {
        System = system;
        Config = config;
        Journal = journal;
    }

    public ActorSystem System { get; }

    public Config Config { get; }

    /// <summary>A one-line description of the journal, for the user.</summary>
    public string Journal { get; }

    /// <summary>Opens the journal for <paramref name="example"/> and starts an actor system on it.</summary>
    /// <param name="example">The example (and simulation) id.</param>
    /// <param name="choice">The user's journal options.</param>
    /// <param name="extra">More configuration on top (tests set dispatcher threads here).</param>
    /// <exception cref="FileNotFoundException">The overlay file does not exist.</exception>
    public static ExampleHost Open(string example, JournalChoice choice, Config? extra = null)
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
                Delete(database);
            }

            SqliteJournal.Prepare(database);
            journal = $"SQLite {Path.GetRelativePath(Environment.CurrentDirectory, database)}";
        }
        else
        {
            journal = choice.JournalFile ?? "in-memory";
        }

        config = ConfigurationFactory.ParseString(Quiet).WithFallback(config);
        if (extra is not null)
        {
            config = extra.WithFallback(config);
        }

        return new ExampleHost(ActorSystem.Create("eventure-" + example, config), config, journal);
    }

    /// <summary>Starts (or recovers) simulation <paramref name="id"/> with a persistent log.</summary>
    public Task<Simulation> StartAsync(string id, int seed, EntityRegistry registry) =>
        Simulation.StartAsync(System, new SimulationOptions
        {
            Id = id,
            Seed = seed,
            Entities = registry,
            LogProps = EventLogActor.Props(id, EventLogSettings.Create(Config)),
        });

    /// <summary>Reads simulation <paramref name="id"/> from the journal alone (no entities, no simulation).</summary>
    public Task<EventLog> ReadAsync(string id, long? untilTick) => JournalReader.LoadAsync(System, id, untilTick);

    public async ValueTask DisposeAsync()
    {
        await System.Terminate();
        SqliteJournal.ReleaseConnections();
    }

    private static void Delete(string database)
    {
        SqliteJournal.ReleaseConnections();
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }
    }
}
