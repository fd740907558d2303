using Akka.Actor;
using Eventure.Actors.Persistence;
using Eventure.Persistence.Sql;

namespace Eventure.Actors.Tests.Persistence;

/// <summary>A fact that runs only against a real PostgreSQL (see scripts/postgres/test.sh).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EVENTURE_POSTGRES_TESTS") != "1" || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("EVENTURE_POSTGRES")))
        {
            Skip = "Opt-in: run scripts/postgres/test.sh (starts a local PostgreSQL on loopback and sets EVENTURE_POSTGRES).";
        }
    }
}

/// <summary>The replay acceptance of the SQLite journal, against PostgreSQL through hocon/postgres.conf.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresSpec
{
    [PostgresFact]
    public async Task A_simulation_restarted_on_postgres_should_write_the_same_journal_as_a_straight_run()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var config = EventureConfig.Load(Path.Combine(AppContext.BaseDirectory, "hocon", "postgres.conf"));

        var straight = await RunAsync(config, $"straight-{run}", 100);
        var firstHalf = await RunAsync(config, $"resumed-{run}", 50);
        var resumed = await RunAsync(config, $"resumed-{run}", 50);

        Assert.Equal(50, firstHalf.Ticks.Length);
        Assert.Equal(100, resumed.Ticks.Length);
        Assert.Equal(straight.Export.Replace($"straight-{run}", "sim", StringComparison.Ordinal), resumed.Export.Replace($"resumed-{run}", "sim", StringComparison.Ordinal));
        Assert.Equal(straight.Ticks.Select(t => t.Checksum), resumed.Ticks.Select(t => t.Checksum));

        using var reader = ActorSystem.Create("pg-reader", config);
        var loaded = await JournalReader.LoadAsync(reader, $"resumed-{run}");
        Assert.Equal(resumed.Export, SimulationFixture.Export(loaded));
        await reader.Terminate();
    }

    private static async Task<(string Export, AppendTick[] Ticks)> RunAsync(Akka.Configuration.Config config, string id, int ticks)
    {
        using var system = ActorSystem.Create("pg", config);
        try
        {
            return await SqliteSimulationSpec.RunOnAsync(system, EventLogSettings.Create(config), ticks, id);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
