using Eventure.Actors;

namespace Eventure.Actors.Tests.TestEntities;

/// <summary>Counts ticks through its own events, so resuming must replay them.</summary>
public sealed class Counter : SimulationEntity
{
    public long Count { get; private set; }

    protected override void OnTick(long tick) =>
        Publish("counter.incremented", new Dictionary<string, object?> { ["count"] = Count + 1, ["roll"] = Random.Next(1000) });

    protected override void Apply(Event e)
    {
        if (e.Type == "counter.incremented")
        {
            Count = (long)e.Data["count"]!;
        }
    }

    protected override long StateChecksum() => Count;

    protected override void OnOtherMessage(object message)
    {
        if (message is "crash")
        {
            throw new InvalidOperationException("poison");
        }

        base.OnOtherMessage(message);
    }
}
