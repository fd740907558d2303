using Eventure.Actors;

namespace Eventure.Cluster.Tests.TestEntities;

/// <summary>A walker's state: where it stands and how many greetings it sent.</summary>
public sealed record WalkerState(long Position, long Greetings);

/// <summary>
/// A random walker with its state as a value: it steps with <see cref="SimulationEntity.Random"/> every tick, greets
/// walkers whose steps it hears (a cascade of a few waves), schedules a rest into a later tick, changes its subscriptions,
/// and throws on a share of deliveries (journaled as entity.faulted). Everything it does depends on the seed.
/// </summary>
public sealed class Walker : SimulationEntity<WalkerState>
{
    protected override WalkerState InitialState => new(0, 0);

    protected override void OnStart() => Subscribe(Index % 3 == 0 ? "walk.*" : "walk.stepped");

    protected override void OnTick(long tick)
    {
        var step = Random.Next(-3, 4);
        Publish("walk.stepped", new Dictionary<string, object?> { ["to"] = State.Position + step, ["tick"] = tick });
        if (Random.Next(10) == 0)
        {
            PublishAt(tick + 2, "walk.rested", new Dictionary<string, object?> { ["at"] = State.Position });
        }

        if (tick % 5 == 4 && Index % 4 == 1)
        {
            Subscribe("walk.greeted");
        }
    }

    protected override void OnEvent(Event e)
    {
        // A stable hash, not Random: the delivery after a fault gets the same roll however often the entity restarts.
        var roll = (int)(StableSeed.Mix(StableSeed.Mix(StableSeed.Start, EntityId), e.Id) % 100);
        if (roll < 3)
        {
            throw new InvalidOperationException($"{EntityId} tripped over {e.Id}");
        }

        if (e.Type == "walk.stepped" && roll < 12)
        {
            Publish("walk.greeted", new Dictionary<string, object?> { ["count"] = State.Greetings + 1 });
        }
    }

    protected override WalkerState Apply(WalkerState state, Event e) => e.Type switch
    {
        "walk.stepped" => state with { Position = (long)e.Data["to"]! },
        "walk.greeted" => state with { Greetings = (long)e.Data["count"]! },
        _ => state,
    };

    protected override long StateChecksum() => (State.Position * 1_000_003) ^ State.Greetings;

    private int Index => int.Parse(EntityId.AsSpan(EntityId.LastIndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture);
}
