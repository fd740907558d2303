using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;
using Eventure.Examples.Adventure;
using Eventure.Examples.Crypto;
using Eventure.Persistence.Sql;

namespace Eventure.Examples.Tests.Support;

/// <summary>Runs an example in its own actor system with an in-memory log, optionally on N dispatcher threads.</summary>
internal static class ExampleRun
{
    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(30);

    public static Task<EventLog> AdventureAsync(int seed = 42, int? threads = null) =>
        RunAsync(AdventureSimulation.Id, seed, AdventureSimulation.Registry(), threads, (_, sim) => AdventureSimulation.PlayAsync(sim));

    public static Task<EventLog> CryptoAsync(int seed = 42, long ticks = 100, int? threads = null) =>
        RunAsync(CryptoSimulation.Id, seed, CryptoSimulation.Registry(), threads, (system, sim) => CryptoSimulation.RunAsync(system, sim, ticks));

    /// <summary>
    /// Plays the adventure on the SQLite journal <paramref name="db"/> in an actor system of its own (a new game, or the
    /// journal's game resumed), at most <paramref name="ticks"/> ticks or to its end, and stops cleanly. A runtime
    /// snapshot is taken every <paramref name="snapshotEvery"/> ticks, so resumes start from snapshots and from rows.
    /// </summary>
    /// <returns>The log, and every entity's state (<see cref="EntityStateCheck"/>) as the run found it and as it left it.</returns>
    public static async Task<SqliteGame> AdventureOnSqliteAsync(string db, long? ticks, int snapshotEvery = 3)
    {
        var config = ConfigurationFactory.ParseString($"akka.loglevel = WARNING\neventure.snapshot.every-ticks = {snapshotEvery}")
            .WithFallback(EventureConfig.Sqlite(db));
        using var system = ActorSystem.Create("adventure", config);
        try
        {
            var sim = await Simulation.StartAsync(system, Options(AdventureSimulation.Id, 42, AdventureSimulation.Registry()));
            var found = await EntityStateCheck.CompareAsync(system, sim, StateTimeout);
            var log = await AdventureSimulation.PlayAsync(sim, ticks);
            var left = await EntityStateCheck.CompareAsync(system, sim, StateTimeout);
            await sim.StopAsync();
            return new SqliteGame(log, found, left);
        }
        finally
        {
            await system.Terminate();
        }
    }

    public static SimulationOptions Options(string id, int seed, EntityRegistry registry) => new() { Id = id, Seed = seed, Entities = registry };

    /// <summary>The log as the seed's JSON lines, byte for byte.</summary>
    public static byte[] Export(EventLog log)
    {
        using var stream = new MemoryStream();
        log.WriteTo(stream);
        return stream.ToArray();
    }

    private static async Task<EventLog> RunAsync(string id, int seed, EntityRegistry registry, int? threads, Func<ActorSystem, Simulation, Task<EventLog>> play)
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING");
        if (threads is { } n)
        {
            config = EventureConfig.DedicatedThreads(n).WithFallback(config);
        }

        using var system = ActorSystem.Create("example", EventureConfig.WithDefaults(config));
        try
        {
            var sim = await Simulation.StartAsync(system, Options(id, seed, registry));
            return await play(system, sim);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
