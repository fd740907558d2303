using Eventure.Actors;

namespace Eventure.Examples.Adventure;

/// <summary>
/// An enemy (<c>enemy-{name}</c>): when encountered it starts combat in the next tick and fights up to three
/// rounds, one per tick; after the third round it is defeated. It stops as soon as the game is over.
/// </summary>
internal sealed class EnemyEntity : SimulationEntity
{
    /// <summary>The entity id prefix of enemies.</summary>
    public const string Prefix = "enemy-";

    private Event? _encounter;
    private Event? _lastRound;
    private long _rounds;
    private bool _roundResolved;
    private bool _gameOver;

    private string Name => EntityId[Prefix.Length..];

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
        if (!_roundResolved || _gameOver)
        {
            return;
        }

        _roundResolved = false;
        if (_rounds < AdventureWorld.CombatRounds)
        {
            PublishRound(_rounds + 1);
        }
        else
        {
            Publish("enemy.defeated", Fields.Of(("enemy", Name), ("message", $"You defeated the {Name}!")), _lastRound);
        }
    }

    protected override void OnEvent(Event e)
    {
        switch (e.Type)
        {
            case "enemy.encounter" when e.Data["enemy"] as string == Name && !_gameOver:
                _encounter = e;
                _rounds = 0;
                PublishAt(CurrentTick + 1, "combat.start", Fields.Of(("enemy", Name), ("enemy_health", 100L), ("message", $"Combat with {Name} begins!")), e);
                PublishAt(CurrentTick + 1, "combat.round", RoundData(1), e);
                break;
            case "combat.damage_dealt" when e.Data["enemy"] as string == Name:
                _roundResolved = true;
                break;
            case "game.end":
                _gameOver = true;
                break;
        }
    }

    protected override void Apply(Event e)
    {
        if (e.Type == "combat.round")
        {
            _rounds = (long)e.Data["round"]!;
            _lastRound = e;
        }
    }

    protected override long StateChecksum() => _rounds;

    private void PublishRound(long round) => Publish("combat.round", RoundData(round), _encounter);

    private IReadOnlyDictionary<string, object?> RoundData(long round) =>
        Fields.Of(("enemy", Name), ("round", round), ("message", $"Round {round} against {Name}!"));
}
