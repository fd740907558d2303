using Akka.Actor;
using Akka.TestKit.Xunit2;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

/// <summary>External input may not use the runtime's reserved <c>entity.*</c> types.</summary>
public sealed class InputSpec : TestKit
{
    [Fact]
    public async Task SendInputAsync_should_refuse_the_runtimes_reserved_types()
    {
        var sim = await Simulation.StartAsync(Sys, Options());

        var refused = await Assert.ThrowsAsync<InvalidEventTypeException>(() => sim.SendInputAsync("entity.spawned", new Dictionary<string, object?> { ["entity"] = "ghost", ["kind"] = "ghost" }));
        var direct = await Assert.ThrowsAsync<InvalidEventTypeException>(() => sim.Coordinator.Ask<object>(new SendInput("entity.despawned", EventData.Empty), TimeSpan.FromSeconds(10)));
        var accepted = await sim.SendInputAsync("entityish.news");
        await sim.RunTicksAsync(1);

        Assert.Equal("Invalid event type 'entity.spawned': the entity.* types are reserved for the runtime's own events (spawns, despawns, faults); send input under another type. (Parameter 'type')", refused.Message);
        Assert.Equal("entity.despawned", direct.EventType);
        Assert.Equal(0, accepted);
        Assert.Equal(["entityish.news"], (await sim.GetLogAsync()).Events.Select(e => e.Type));
    }
}
