using Eventure.Actors;

namespace Eventure.Cluster.Tests.TestEntities;

/// <summary>
/// A plain entity (state in fields, rebuilt from its own events): it counts greetings, reports every third, and leaves
/// the simulation (<c>Despawn</c>) after its third report.
/// </summary>
public sealed class Tally : SimulationEntity
{
    private long _heard;
    private long _reports;

    protected override void OnStart() => Subscribe("walk.greeted");

    protected override void OnEvent(Event e)
    {
        if (Random.Next(3) == 0)
        {
            Publish("tally.heard", new Dictionary<string, object?> { ["heard"] = _heard + 1 });
        }
    }

    protected override void OnTick(long tick)
    {
        if (_heard > 0 && tick % 3 == 0)
        {
            Publish("tally.reported", new Dictionary<string, object?> { ["reports"] = _reports + 1, ["heard"] = _heard });
            if (_reports + 1 >= 3)
            {
                Despawn();
            }
        }
    }

    protected override void Apply(Event e)
    {
        switch (e.Type)
        {
            case "tally.heard":
                _heard = (long)e.Data["heard"]!;
                break;
            case "tally.reported":
                _reports = (long)e.Data["reports"]!;
                break;
        }
    }

    protected override long StateChecksum() => (_heard << 8) ^ _reports;
}
