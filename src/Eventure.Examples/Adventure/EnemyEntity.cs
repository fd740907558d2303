using Eventure.Actors;

namespace Eventure.Examples.Adventure;

/// <summary>
/// An enemy (<c>enemy-{name}</c>): when encountered it starts combat in the next tick and fights up to three
/// rounds, one per tick; after the third round it is defeated. It stops if the game ends during the fight.
/// </summary>
/// <remarks>
/// What it learns from the player it journals as events of its own, caused by what it learned from: a strike as
/// <c>enemy.wounded</c> (the round is resolved), the end of the game during its fight as <c>combat.end</c>. Its
/// <see cref="EnemyState"/> is therefore a fold of its own events, and a resumed game fights on exactly as before.
/// </remarks>
internal sealed class EnemyEntity : SimulationEntity<EnemyState>
{
    /// <summary>The entity id prefix of enemies.</summary>
    public const string Prefix = "enemy-";

    private string Name => EntityId[Prefix.Length..];

    protected override EnemyState InitialState => EnemyState.Initial;

    protected override void OnStart()
    {
        Subscribe("enemy.encounter");
        Subscribe("combat.damage_dealt");
        Subscribe("game.end");
    }

    protected override void OnTick(long tick)
    {
        // The next round waits for the tick after the last one resolved, when the whole previous tick
        // (including a possible game end) is known.
        var state = Projected;
        if (!state.RoundDue)
        {
            return;
        }

        if (state.Round < AdventureWorld.CombatRounds)
        {
            Publish("combat.round", RoundData(state.Round + 1), ParentOf(state.EncounterId!));
        }
        else
        {
            Publish("enemy.defeated", Fields.Of(("enemy", Name), ("message", $"You defeated the {Name}!")), ParentOf(state.RoundId!));
        }
    }

    protected override void OnEvent(Event e)
    {
        switch (e.Type)
        {
            case "enemy.encounter" when e.Data["enemy"] as string == Name:
                PublishAt(CurrentTick + 1, "combat.start", Fields.Of(("enemy", Name), ("enemy_health", 100L), ("message", $"Combat with {Name} begins!")), e);
                PublishAt(CurrentTick + 1, "combat.round", RoundData(1), e);
                break;
            case "combat.damage_dealt" when e.Data["enemy"] as string == Name:
                var health = Math.Max(0, Projected.Health - (long)e.Data["amount"]!);
                Publish("enemy.wounded", Fields.Of(("enemy", Name), ("health", health), ("message", $"The {Name} has {health} health left.")));
                break;
            case "game.end" when Projected is { EncounterId: not null, Finished: false }:
                Publish("combat.end", Fields.Of(("enemy", Name), ("message", $"The {Name} stops fighting: the game is over.")));
                break;
        }
    }

    protected override EnemyState Apply(EnemyState state, Event e) => EnemyState.Apply(state, e);

    protected override long StateChecksum() => State.Round;

    /// <summary>
    /// A parent known only by its id: <c>Publish</c> links an event to its parent's id, and the state keeps ids, not
    /// events (so it stays plain JSON).
    /// </summary>
    private static Event ParentOf(string id) => new(0, 0, "parent", null, id);

    private IReadOnlyDictionary<string, object?> RoundData(long round) =>
        Fields.Of(("enemy", Name), ("round", round), ("message", $"Round {round} against {Name}!"));
}
