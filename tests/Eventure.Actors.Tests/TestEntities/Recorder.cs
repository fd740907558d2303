using Akka.Actor;
using Eventure.Actors;

namespace Eventure.Actors.Tests.TestEntities;

/// <summary>Tells a probe about every tick and delivery it handles; publishes on tick when asked to.</summary>
public sealed class Recorder(IActorRef probe, string[] patterns, string? publishOnTick = null, bool react = false) : SimulationEntity
{
    protected override void OnStart()
    {
        foreach (var pattern in patterns)
        {
            Subscribe(pattern);
        }
    }

    protected override void OnTick(long tick)
    {
        probe.Tell(("tick", EntityId, tick));
        if (publishOnTick is not null)
        {
            Publish(publishOnTick, new Dictionary<string, object?> { ["from"] = EntityId });
        }
    }

    protected override void OnEvent(Event e)
    {
        probe.Tell(("event", EntityId, e.Type));
        if (react && e.Type != "seen")
        {
            Publish("seen", new Dictionary<string, object?> { ["by"] = EntityId, ["type"] = e.Type });
        }
    }
}
