using Eventure.Actors;

namespace Eventure.TestScenarios;

/// <summary>
/// A small town written only for the tests (not an example): a baker who bakes every tick and schedules each batch's
/// staleness two ticks later (<c>PublishAt</c>), customers who buy what is baked (one leaves by itself when full), and
/// a critic who throws on a grumpy market (a fault). <see cref="PlayAsync"/> adds what comes from outside: input, a
/// spawn and a despawn.
/// </summary>
public sealed class TownScenario : ISimulationScenario
{
    public const string SimulationId = "town";

    public string Id => SimulationId;

    public void RegisterEntities(EntityRegistry entities)
    {
        entities.Register<Baker>("baker").Register<Customer>("customer").Register<Critic>("critic");
    }

    public async Task SpawnAsync(Simulation simulation)
    {
        await simulation.SpawnAsync("baker", "baker");
        await simulation.SpawnAsync("critic", "critic");
        await simulation.SpawnManyAsync(["customer-1", "customer-2"], _ => Akka.Actor.Props.Create<Customer>(), "customer");
    }

    /// <summary>Ticks 0..7 of the town, with everything a user does from outside between ticks.</summary>
    public static async Task PlayAsync(Simulation simulation)
    {
        await new TownScenario().SpawnAsync(simulation);
        await simulation.RunTicksAsync(3);                                   // ticks 0..2: customer-1 leaves by itself at tick 2
        await simulation.SendInputAsync("market.opened", new Dictionary<string, object?> { ["mood"] = "grumpy" });
        await simulation.SpawnAsync("customer-3", "customer");               // tick 3: the critic faults, a customer arrives
        await simulation.RunTicksAsync(2);                                   // ticks 3..4
        await simulation.DespawnAsync("customer-2");                         // tick 5: despawned from outside
        await simulation.SendInputAsync("market.opened", new Dictionary<string, object?> { ["mood"] = "cheerful" });
        await simulation.RunTicksAsync(3);                                   // ticks 5..7
    }
}

/// <summary>Bakes every tick; each batch goes stale two ticks later.</summary>
public sealed class Baker : SimulationEntity
{
    private long _baked;

    protected override void OnTick(long tick)
    {
        Publish("bread.baked", new Dictionary<string, object?> { ["loaves"] = TownRules.Loaves(tick, Random.Next(3)) });
        PublishAt(tick + 2, "bread.stale", new Dictionary<string, object?> { ["baked_at"] = tick });
    }

    protected override void Apply(Event e)
    {
        if (e.Type == "bread.baked")
        {
            _baked += (long)e.Data["loaves"]!;
        }
    }

    protected override long StateChecksum() => _baked;
}

/// <summary>Buys from every batch; leaves by itself once its appetite is met.</summary>
public sealed class Customer : SimulationEntity
{
    private long _purchases;

    protected override void OnStart() => Subscribe("bread.baked");

    protected override void OnEvent(Event e)
    {
        Publish("bread.bought", new Dictionary<string, object?> { ["by"] = EntityId, ["loaves"] = 1 + Random.Next(2) });
        if (_purchases + 1 >= TownRules.Appetite(EntityId))
        {
            Despawn();
        }
    }

    protected override void Apply(Event e)
    {
        if (e.Type == "bread.bought")
        {
            _purchases++;
        }
    }

    protected override long StateChecksum() => _purchases;
}

/// <summary>Reviews the market when it opens, and throws when the market is grumpy.</summary>
public sealed class Critic : SimulationEntity
{
    protected override void OnStart() => Subscribe("market.opened");

    protected override void OnEvent(Event e)
    {
        if (Equals(e.Data["mood"], "grumpy"))
        {
            throw new InvalidOperationException("the critic cannot stand a grumpy market");
        }

        Publish("review.written", new Dictionary<string, object?> { ["stars"] = 1 + Random.Next(5) });
    }
}
