using System.Text;
using System.Text.RegularExpressions;
using Akka.Actor;
using Eventure.Actors;
using Eventure.Actors.Persistence;
using Microsoft.Data.Sqlite;

namespace Eventure.TestScenarios;

/// <summary>Records the town on a SQLite journal, and tampers with a stored row of it.</summary>
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

    /// <summary>
    /// Rewrites, in the stored row that holds it, the <c>data</c> of the first <paramref name="type"/> event of
    /// <paramref name="tick"/>: its first number becomes <paramref name="value"/>. Returns that event's id.
    /// </summary>
    public static string EditStoredEvent(string databasePath, long tick, string type, long value)
    {
        var pattern = new Regex($"(\\{{\"tick\": {tick}, \"timestamp\": [^,]+, \"type\": \"{Regex.Escape(type)}\", \"data\": \\{{\"[a-z_]+\": )(-?\\d+)(.*?\"event_id\": \")([^\"]+)");
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "select ordering, payload from event_journal where persistence_id = 'eventure-town' order by ordering";
        var rows = new List<(long Ordering, string Payload)>();
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), Encoding.UTF8.GetString((byte[])reader.GetValue(1))));
            }
        }

        var (ordering, payload) = rows.First(row => pattern.IsMatch(row.Payload));
        var match = pattern.Match(payload);
        using var update = connection.CreateCommand();
        update.CommandText = "update event_journal set payload = $payload where ordering = $ordering";
        update.Parameters.AddWithValue("$payload", Encoding.UTF8.GetBytes(pattern.Replace(payload, m => m.Groups[1].Value + value + m.Groups[3].Value + m.Groups[4].Value, 1)));
        update.Parameters.AddWithValue("$ordering", ordering);
        Assert.Equal(1, update.ExecuteNonQuery());
        SqliteConnection.ClearAllPools();
        return match.Groups[4].Value;
    }
}
