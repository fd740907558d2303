using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Eventure.TestSupport;

/// <summary>Tampers with the stored rows of a SQLite journal, as someone editing the database by hand would.</summary>
internal static class JournalRows
{
    /// <summary>
    /// In the stored row that holds it, rewrites the value of <paramref name="key"/> in the data of the first
    /// <paramref name="type"/> event of <paramref name="tick"/> of simulation <paramref name="simulationId"/> to the
    /// JSON <paramref name="value"/>. Returns that event's id.
    /// </summary>
    public static string EditEvent(string databasePath, string simulationId, long tick, string type, string key, string value)
    {
        var pattern = new Regex(
            $"(\\{{\"tick\": {tick}, \"timestamp\": [^,]+, \"type\": \"{Regex.Escape(type)}\", \"data\": \\{{[^{{}}]*?\"{Regex.Escape(key)}\": )([^,}}]+)([^{{}}]*\\}}, \"event_id\": \")([^\"]+)");
        return Rewrite(databasePath, simulationId, pattern, m => m.Groups[1].Value + value + m.Groups[3].Value + m.Groups[4].Value).Groups[4].Value;
    }

    /// <summary>Rewrites the checksum stored with <paramref name="tick"/> (in its row); returns the checksum it held.</summary>
    public static long EditTickChecksum(string databasePath, string simulationId, long tick, long checksum)
    {
        var pattern = new Regex($"(\\{{\"tick\":{tick},(?:\"count\":[0-9]+|\"version\":[0-9]+),\"checksum\":)(-?[0-9]+)");
        return long.Parse(Rewrite(databasePath, simulationId, pattern, m => m.Groups[1].Value + checksum).Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rewrites the first match of <paramref name="pattern"/> in the simulation's first row that has one; returns the match.</summary>
    private static Match Rewrite(string databasePath, string simulationId, Regex pattern, MatchEvaluator replacement)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        var rows = new List<(long Ordering, string Payload)>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "select ordering, payload from event_journal where persistence_id = $id order by ordering";
            select.Parameters.AddWithValue("$id", "eventure-" + simulationId);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), Encoding.UTF8.GetString((byte[])reader.GetValue(1))));
            }
        }

        var (ordering, payload) = rows.First(row => pattern.IsMatch(row.Payload));
        using var update = connection.CreateCommand();
        update.CommandText = "update event_journal set payload = $payload where ordering = $ordering";
        update.Parameters.AddWithValue("$payload", Encoding.UTF8.GetBytes(pattern.Replace(payload, replacement, 1)));
        update.Parameters.AddWithValue("$ordering", ordering);
        if (update.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"Row {ordering} of {databasePath} was not updated.");
        }

        SqliteConnection.ClearAllPools();
        return pattern.Match(payload);
    }
}
