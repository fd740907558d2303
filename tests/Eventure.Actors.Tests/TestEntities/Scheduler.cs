using Eventure.Actors;

namespace Eventure.Actors.Tests.TestEntities;

/// <summary>Answers every "start" event with a "delayed" event two ticks later (parent kept).</summary>
public sealed class Scheduler : SimulationEntity
{
    protected override void OnStart() => Subscribe("start");

    protected override void OnEvent(Event e) => PublishAt(CurrentTick + 2, "delayed", new Dictionary<string, object?> { ["from"] = e.Id });
}
