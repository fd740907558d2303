using Akka.Actor;
using Eventure.Actors.Tests.TestEntities;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

/// <summary>
/// Any number of handler faults, by one entity or many, in one wave or across waves: each becomes its
/// <c>entity.faulted</c> and the tick completes, the same way in every run and on any thread count.
/// </summary>
public sealed class FaultStormSpec
{
    // A stalled tick fails fast instead of after the default 30 s.
    private static readonly EventureSettings Settings = EventureSettings.Default with { TickTimeout = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(10)]
    public async Task Every_fault_in_one_wave_should_become_its_entity_faulted_and_the_tick_should_complete(int says)
    {
        var (export, _) = await RecordAsync(Options(settings: Settings), async sim =>
        {
            await sim.SpawnAsync("talker", Props.Create(() => new Talker(says)));
            await sim.SpawnAsync("grump", Props.Create(() => new Grump()));
            await sim.RunTicksAsync(3);
        });
        var log = Load(export);

        for (var tick = 0; tick < 3; tick++)
        {
            var events = log.GetEventsAtTick(tick);
            var said = events.Where(e => e.Type == "x.said").Select(e => e.Id).ToList();
            var faulted = events.Where(e => e.Type == "entity.faulted").ToList();
            Assert.Equal(says, said.Count);
            Assert.Equal(said, faulted.Select(e => e.ParentId));
            Assert.All(faulted, e => Assert.Equal("grump", e.Data["entity"]));
        }
    }

    [Fact]
    public async Task A_busy_population_with_faults_should_finish_and_log_the_same_on_any_thread_count()
    {
        var first = await RunPopulation(threads: null, faultPermille: 10);
        var log = Load(first);
        Assert.True(log.Events.Count(e => e.Type == "entity.faulted") > 10, "expected faults in the run");
        Assert.Equal(12, log.Events.Max(e => e.Tick) + 1);

        Assert.Equal(first, await RunPopulation(threads: 1, faultPermille: 10));
        Assert.Equal(first, await RunPopulation(threads: 4, faultPermille: 10));
    }

    private static EventLog Load(string export) => EventLog.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(export)));

    private static async Task<string> RunPopulation(int? threads, int faultPermille, int ticks = 12)
    {
        using var system = threads is { } n ? ActorSystem.Create("storm", WithThreads(n)) : ActorSystem.Create("storm");
        try
        {
            // About 1,500 restarts a tick, each reading the entity's history: slow on a busy machine, so the run gets
            // minutes. A stalled tick still fails after the 10 s tick timeout.
            var options = new SimulationOptions { Id = "sim", Seed = 42, Settings = Settings, AskTimeout = TimeSpan.FromSeconds(20), RunTimeout = TimeSpan.FromMinutes(4) };
            var sim = await Simulation.StartAsync(system, options);
            await sim.SpawnManyAsync(Enumerable.Range(0, 200).Select(Chatter.IdOf), _ => Props.Create(() => new Chatter(10, 20, faultPermille)));
            await sim.RunTicksAsync(ticks);
            return Export(await sim.GetLogAsync());
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Says x.said <c>times</c> times every tick.</summary>
    private sealed class Talker(int times) : SimulationEntity
    {
        protected override void OnTick(long tick)
        {
            for (var i = 0; i < times; i++)
            {
                Publish("x.said", new Dictionary<string, object?> { ["i"] = (long)i });
            }
        }
    }

    /// <summary>Throws on everything it hears.</summary>
    private sealed class Grump : SimulationEntity
    {
        protected override void OnStart() => Subscribe("x.*");

        protected override void OnEvent(Event e) => throw new InvalidOperationException($"grump will not hear {e.Id}");
    }
}
