using Eventure.Persistence.Sql;
using Akka.Actor;
using Eventure.Actors;
using Eventure.Actors.Persistence;

namespace Eventure.TestScenarios;

/// <summary>Records the town on a SQLite journal.</summary>
public static class TownJournal
{
    /// <summary>Plays <see cref="TownScenario.PlayAsync"/> on a fresh SQLite journal at <paramref name="databasePath"/>.</summary>
    public static async Task RecordAsync(string databasePath, int seed = 7)
    {
        SqliteJournal.Prepare(databasePath);
        var system = ActorSystem.Create("town", EventureConfig.Sqlite(databasePath));
        try
        {
            var options = new SimulationOptions
            {
                Id = TownScenario.SimulationId,
                Seed = seed,
                LogProps = EventLogActor.Props(TownScenario.SimulationId),
                AskTimeout = TimeSpan.FromSeconds(30),
                RunTimeout = TimeSpan.FromSeconds(60),
            };
            new TownScenario().RegisterEntities(options.Entities);
            await TownScenario.PlayAsync(await Simulation.StartAsync(system, options));
        }
        finally
        {
            await system.Terminate();
            SqliteJournal.ReleaseConnections();
        }
    }
}
