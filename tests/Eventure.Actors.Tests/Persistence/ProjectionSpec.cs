using Akka.Actor;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Persistence;
using Eventure.Actors.Tests.TestEntities;
using Eventure.Persistence.Sql;

namespace Eventure.Actors.Tests.Persistence;

public sealed class ProjectionSpec : TestKit
{
    [Fact]
    public async Task A_projection_should_catch_up_follow_live_and_resume_without_gaps_or_duplicates()
    {
        using var db = new TempDatabase();
        await SqliteSimulationSpec.RunAsync(db.Path, ticks: 10);

        using (var system = ActorSystem.Create("projection", EventureConfig.Sqlite(db.Path)))
        {
            var options = Options();
            var sim = await Simulation.StartAsync(system, options);
            var projection = system.ActorOf(ProjectionActor.Props(new TypeCounts(), "durable"));
            var probe = new Akka.TestKit.TestProbe(system, new Akka.TestKit.Xunit2.XunitAssertions());
            projection.Tell(probe.Ref);

            await AwaitState(projection, 9, TimeSpan.FromSeconds(20));
            await sim.RunTicksAsync(5);
            var live = await AwaitState(projection, 14, TimeSpan.FromSeconds(20));
            Assert.Equal(30L, live.State["counter.incremented"]);
            Assert.Equal(2L, live.State["entity.spawned"]);

            // Offsets are saved asynchronously: stop only once tick 14's is durable, as a clean shutdown would.
            await AwaitAssertAsync(async () => Assert.Equal(14, (await projection.Ask<ProjectionState<Dictionary<string, long>>>(GetProjectionState.Instance, TimeSpan.FromSeconds(5))).StoredTick), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));
            await system.Terminate();
        }

        using (var system = ActorSystem.Create("projection", EventureConfig.Sqlite(db.Path)))
        {
            var projection = system.ActorOf(ProjectionActor.Props(new TypeCounts(), "durable"));
            var resumed = await projection.Ask<ProjectionState<Dictionary<string, long>>>(GetProjectionState.Instance, TimeSpan.FromSeconds(20));
            Assert.Equal(14, resumed.LastTick);
            Assert.Equal(30L, resumed.State["counter.incremented"]);

            var sim = await Simulation.StartAsync(system, Options());
            await sim.RunTicksAsync(1);
            var after = await AwaitState(projection, 15, TimeSpan.FromSeconds(20));
            Assert.Equal(32L, after.State["counter.incremented"]);
            await system.Terminate();
        }
    }

    private static SimulationOptions Options()
    {
        var options = new SimulationOptions
        {
            Id = "durable",
            Seed = 42,
            LogProps = EventLogActor.Props("durable"),
            AskTimeout = TimeSpan.FromSeconds(30),
        };
        options.Entities.Register<Counter>("counter");
        return options;
    }

    private async Task<ProjectionState<Dictionary<string, long>>> AwaitState(IActorRef projection, long tick, TimeSpan within)
    {
        ProjectionState<Dictionary<string, long>>? state = null;
        await AwaitAssertAsync(async () =>
        {
            state = await projection.Ask<ProjectionState<Dictionary<string, long>>>(GetProjectionState.Instance, TimeSpan.FromSeconds(5));
            Assert.Equal(tick, state.LastTick);
        }, within, TimeSpan.FromMilliseconds(50));
        return state!;
    }

    private sealed class TypeCounts : Projection<Dictionary<string, long>>
    {
        public override string Name => "type-counts";

        public override Dictionary<string, long> Initial => new(StringComparer.Ordinal);

        public override Dictionary<string, long> Apply(Dictionary<string, long> state, Event e) =>
            new(state, StringComparer.Ordinal) { [e.Type] = state.GetValueOrDefault(e.Type) + 1 };
    }
}
