using System.Text;
using Akka.Actor;
using Eventure.Actors;
using Eventure.Actors.Persistence;
using Eventure.Cluster.Tests.TestEntities;
using Eventure.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace Eventure.Cluster.Tests;

/// <summary>The simulation the cluster specs run on one node and on several, and how they compare the journals.</summary>
internal static class ClusterScenario
{
    public const string Id = "walk";
    public const int Walkers = 24;

    public static SimulationOptions Options() => new()
    {
        Id = Id,
        Seed = 7,
        Entities = new EntityRegistry().Register<Walker>("walker").Register<Tally>("tally").Register<Holder>("holder"),
        AskTimeout = TimeSpan.FromSeconds(30),
        RunTimeout = TimeSpan.FromSeconds(120),
    };

    public static string WalkerId(int i) => $"walker-{i:D3}";

    /// <summary>Spawns the population (by kind): before tick 0 and part of it later, with input and a despawn between runs.</summary>
    public static async Task SpawnAsync(Simulation sim)
    {
        await sim.SpawnManyAsync(Enumerable.Range(0, Walkers - 4).Select(WalkerId), _ => Props.Create<Walker>(), "walker");
        await sim.SpawnAsync("holder", "holder");
    }

    private static readonly Lazy<Task<(string Export, IReadOnlyList<string> Rows)>> SingleRun = new(async () =>
    {
        var database = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"eventure-cluster-golden-{Guid.NewGuid():N}.db");
        await RunSingleAsync(database);
        return (await ExportAsync(database), Rows(database));
    });

    /// <summary>The scenario's journal on one node (run once per test process): export and stored rows.</summary>
    public static Task<(string Export, IReadOnlyList<string> Rows)> GoldenAsync() => SingleRun.Value;

    /// <summary>Asserts that <paramref name="database"/> holds the golden journal: the same export and the same stored rows.</summary>
    public static async Task AssertGoldenAsync(string database)
    {
        var (export, rows) = await GoldenAsync();
        Assert.Contains("\"type\": \"walk.greeted\"", export, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"entity.faulted\"", export, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"walk.rested\"", export, StringComparison.Ordinal);
        Assert.Contains("\"cause\": \"self\"", export, StringComparison.Ordinal);
        Assert.Equal(export, await ExportAsync(database));
        Assert.Equal(rows, Rows(database));
    }

    /// <summary>The whole run after spawning: <paramref name="between"/> runs between the phases (to stop a node, say).</summary>
    public static async Task RunAsync(Simulation sim, Func<int, Task>? between = null)
    {
        await sim.RunTicksAsync(4);
        await (between?.Invoke(0) ?? Task.CompletedTask);
        await sim.SpawnAsync("tally-1", "tally");
        await sim.SpawnManyAsync(Enumerable.Range(Walkers - 4, 4).Select(WalkerId), _ => Props.Create<Walker>(), "walker");
        await sim.SendInputAsync("walk.whistle", new Dictionary<string, object?> { ["loud"] = true });
        await sim.RunTicksAsync(5);
        await (between?.Invoke(1) ?? Task.CompletedTask);
        await sim.DespawnAsync(WalkerId(5));
        await sim.RunUntilTickAsync(14);
    }

    /// <summary>Runs the scenario on one node (its own actor system) on <paramref name="database"/>.</summary>
    public static async Task RunSingleAsync(string database)
    {
        using var system = ActorSystem.Create("single", ClusterNodes.TestConfig.WithFallback(EventureConfig.Sqlite(database)));
        try
        {
            await using var sim = await Simulation.StartAsync(system, Options());
            await SpawnAsync(sim);
            await RunAsync(sim);
        }
        finally
        {
            await system.Terminate();
            SqliteJournal.ReleaseConnections();
        }
    }

    /// <summary>The journal of <paramref name="database"/> exported as the original's JSON lines.</summary>
    public static async Task<string> ExportAsync(string database)
    {
        var log = await JournalReader.LoadSqliteAsync(database, Id);
        SqliteJournal.ReleaseConnections();
        return Export(log);
    }

    /// <summary><paramref name="log"/> as the original's JSON lines.</summary>
    public static string Export(EventLog log)
    {
        using var stream = new MemoryStream();
        log.WriteTo(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Every stored row of the simulation (sequence number, manifest, payload), in order.</summary>
    public static IReadOnlyList<string> Rows(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "select sequence_nr, manifest, payload from event_journal where persistence_id = $id order by sequence_nr";
        select.Parameters.AddWithValue("$id", "eventure-" + Id);
        using var reader = select.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add($"{reader.GetInt64(0)} {reader.GetString(1)} {Encoding.UTF8.GetString((byte[])reader.GetValue(2))}");
        }

        connection.Close();
        SqliteJournal.ReleaseConnections();
        return rows;
    }
}
