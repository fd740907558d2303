using Akka.Actor;
using Eventure.Actors.Persistence;
using Eventure.Actors.Tests.Persistence;
using Eventure.Persistence.Sql;

namespace Eventure.Actors.Tests;

/// <summary>The README's quickstart and its verification, verbatim apart from the assertions: they must keep working.</summary>
public sealed class ReadmeQuickstartSpec
{
    [Fact]
    public async Task The_readme_quickstart_should_run_and_log_causal_cascades()
    {
        using var system = ActorSystem.Create("town", EventureConfig.InMemory());
        var sim = await Simulation.StartAsync(system, new SimulationOptions { Id = "town", Seed = 42 });
        await sim.SpawnAsync("villager-1", Props.Create<Villager>());
        await sim.RunTicksAsync(10);

        EventLog log = await sim.GetLogAsync();
        var query = log.CreateQuery();
        var output = new StringWriter();
        query.PrintEventCascade(output);

        Assert.Equal(5, query.GetEventsByType("weather.rain").Count);
        Assert.All(query.GetEventsByType("villager.sheltered"), e => Assert.Equal("weather.rain", log.GetEventById(e.ParentId!)!.Type));
        Assert.Equal(5, query.GetEventsByType("villager.sheltered").Count);
        Assert.Contains("└─ villager.sheltered", output.ToString(), StringComparison.Ordinal);
        await system.Terminate();
    }

    [Fact]
    public async Task The_readme_quickstart_on_sqlite_should_write_the_file_and_resume_when_run_again()
    {
        using var db = new TempDatabase();
        SqliteJournal.ReleaseConnections();
        foreach (var file in new[] { db.Path, db.Path + "-wal", db.Path + "-shm" })
        {
            File.Delete(file);
        }

        var first = await RunReadmeAsync(db.Path);
        Assert.True(File.Exists(db.Path));
        var second = await RunReadmeAsync(db.Path);

        Assert.Equal(5, first.CreateQuery().GetEventsByType("villager.sheltered").Count);
        Assert.Equal(10, second.CreateQuery().GetEventsByType("villager.sheltered").Count);
        Assert.Equal(19, second.CurrentTick);
        Assert.Single(second.CreateQuery().GetEventsByType("entity.spawned"));
        Assert.Equal("Villager", second.CreateQuery().GetEventsByType("entity.spawned")[0].Data["kind"]);
    }

    /// <summary>The README's first simulation with <c>EventureConfig.Sqlite</c>, verbatim apart from the path.</summary>
    private static async Task<EventLog> RunReadmeAsync(string path)
    {
        using var system = ActorSystem.Create("town", EventureConfig.Sqlite(path));
        await using var sim = await Simulation.StartAsync(system, new SimulationOptions { Id = "town", Seed = 42 });
        if ((await sim.GetStatusAsync()).NextTick == 0)
        {
            await sim.SpawnAsync("villager-1", Props.Create<Villager>());
        }

        await sim.RunTicksAsync(10);
        EventLog log = await sim.GetLogAsync();
        await sim.StopAsync();
        await system.Terminate();
        return log;
    }

    [Fact]
    public async Task The_readme_rain_gauge_should_total_every_rain_of_a_wave_on_top_of_the_one_before()
    {
        using var system = ActorSystem.Create("town", EventureConfig.InMemory());
        var sim = await Simulation.StartAsync(system, new SimulationOptions { Id = "town", Seed = 42 });
        await sim.SpawnManyAsync(Enumerable.Range(0, 100).Select(i => $"villager-{i:D3}"), id => Props.Create<Villager>());
        await sim.SpawnAsync("gauge", Props.Create<RainGauge>());
        await sim.RunTicksAsync(3);

        var query = (await sim.GetLogAsync()).CreateQuery();
        var rains = query.GetEventsByType("weather.rain");
        var totals = query.GetEventsByType("gauge.total").Select(e => (long)e.Data["mm"]!).ToList();

        Assert.Equal(200, rains.Count); // ticks 0 and 2, each one wave of 100 rains
        Assert.Equal(rains.Select(e => (long)e.Data["mm"]!).Sum(), totals[^1]);
        Assert.Equal(totals.Order(), totals);
        Assert.Equal(200, totals.Distinct().Count());
        await system.Terminate();
    }

    [Fact]
    public async Task The_readme_verification_should_confirm_a_journaled_run_of_its_scenario()
    {
        using var db = new TempDatabase();
        using (var town = ActorSystem.Create("town", EventureConfig.Sqlite(db.Path)))
        {
            var options = new SimulationOptions { Id = "town", Seed = 42, LogProps = EventLogActor.Props("town") };
            new TownScenario().RegisterEntities(options.Entities);
            var sim = await Simulation.StartAsync(town, options);
            await new TownScenario().SpawnAsync(sim);
            await sim.RunTicksAsync(10);
            await town.Terminate();
        }

        using var system = ActorSystem.Create("check", EventureConfig.SqliteReadOnly(db.Path));
        VerificationResult result = await SimulationVerifier.VerifyAsync(system, new TownScenario());

        Assert.Equal(new VerificationResult(true, 10, 11, null), result);
        await system.Terminate();
    }

    private sealed class TownScenario : ISimulationScenario
    {
        public string Id => "town";

        public void RegisterEntities(EntityRegistry entities) => entities.Register<Villager>("villager");

        public Task SpawnAsync(Simulation sim) => sim.SpawnAsync("villager-1", "villager");
    }

    public sealed record Rainfall(long Mm);

    /// <summary>The README's rain gauge, verbatim.</summary>
    private sealed class RainGauge : SimulationEntity<Rainfall>
    {
        protected override Rainfall InitialState => new(0);

        protected override void OnStart() => Subscribe("weather.rain");

        protected override void OnEvent(Event e) =>
            Publish("gauge.total", new Dictionary<string, object?> { ["mm"] = Projected.Mm + (long)e.Data["mm"]! });

        protected override Rainfall Apply(Rainfall state, Event e) => new((long)e.Data["mm"]!);
    }

    private sealed class Villager : SimulationEntity
    {
        protected override void OnStart() => Subscribe("weather.*");

        protected override void OnTick(long tick)
        {
            if (tick % 2 == 0)
            {
                Publish("weather.rain", new Dictionary<string, object?> { ["mm"] = Random.Next(1, 10) });
            }
        }

        protected override void OnEvent(Event e) => Publish("villager.sheltered"); // a child of the rain
    }
}
