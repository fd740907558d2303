using Eventure.Actors;

namespace Eventure.Examples.Adventure;

/// <summary>
/// The player: walks the scripted route one step per tick, fights the rounds enemies start, drinks and heals,
/// dies or wins, and announces the final score. It watches every event (<c>*</c>) and folds what it sees
/// into an <see cref="AdventureState"/>, the same pure fold the summary and <c>replay</c> use.
/// </summary>
internal sealed class PlayerEntity : SimulationEntity
{
    /// <summary>The player's entity id.</summary>
    public const string Id = "player";

    private AdventureState _seen = AdventureState.Initial;
    private int _steps;
    private int _stepsApplied;
    private string? _awaitingRoom;
    private int _fights;
    private bool _dying;

    protected override void OnStart() => Subscribe("*");

    protected override void OnTick(long tick)
    {
        if (tick == 0)
        {
            Publish("game.start", Fields.Of(("message", "Welcome to the Adventure Game!")));
        }

        if (_seen.GameOver || _dying || _awaitingRoom is not null || _fights > 0)
        {
            return;
        }

        while (_steps < AdventureWorld.Script.Length)
        {
            var (type, target, message) = AdventureWorld.Script[_steps++];
            if (type == "player.move")
            {
                _awaitingRoom = target;
                Publish(type, Fields.Of(("destination", target), ("message", message)));
                return;
            }

            Publish(type, Fields.Of(("item", target), ("message", message)));
        }

        _dying = true;
        Publish("game.end", Fields.Of(("message", "You've completed your adventure!"), ("outcome", "victory")));
    }

    protected override void Apply(Event e)
    {
        // On recovery the player's own history restores how far along the script it is.
        if (e.Type is "player.move" or "player.pickup_item")
        {
            _stepsApplied++;
            _steps = Math.Max(_steps, _stepsApplied);
        }
    }

    protected override void OnEvent(Event e)
    {
        _seen = AdventureState.Apply(_seen, e);
        switch (e.Type)
        {
            case "room.enter" when e.Data["room"] as string == _awaitingRoom:
                _awaitingRoom = null;
                if (IsTreasury(e) && _seen.Inventory.Contains("key"))
                {
                    Publish(
                        "treasure.found",
                        Fields.Of(("treasure", "ancient_artifact"), ("message", "The key unlocks a hidden compartment revealing an ancient artifact!"), ("value", 1000L)));
                }

                break;
            case "player.pickup_item" when e.Data["item"] as string == "health_potion":
                Publish("player.health_change", Fields.Of(("amount", 25L), ("reason", "You drink a health potion")));
                break;
            case "enemy.encounter":
                _fights++;
                break;
            case "enemy.defeated":
                _fights--;
                break;
            case "combat.round" when !_seen.GameOver && !_dying:
                Fight((string)e.Data["enemy"]!);
                break;
            case "treasure.found" when e.Data["treasure"] as string == "magic_amulet":
                Publish("player.health_change", Fields.Of(("amount", 50L), ("reason", "The magic amulet heals you")));
                break;
            case "player.health_change" when _seen.Health <= 0 && !_seen.GameOver && !_dying:
                _dying = true;
                Publish("player.death", Fields.Of(("message", "You have been defeated...")));
                Publish("game.end", Fields.Of(("message", "Your adventure ends here."), ("outcome", "defeat")));
                break;
            case "game.end":
                Publish(
                    "game.final_score",
                    Fields.Of(
                        ("score", AdventureWorld.Score(_seen)),
                        ("enemies_defeated", _seen.EnemiesDefeated),
                        ("treasures_found", (long)_seen.Treasures.Count),
                        ("health_remaining", _seen.Health),
                        ("outcome", _seen.Outcome)));
                break;
        }
    }

    protected override long StateChecksum() => (_steps * 1_000L) + _seen.Health;

    private static bool IsTreasury(Event enter) => enter.Data["room"] as string == "treasury";

    private void Fight(string enemy)
    {
        var dealt = (long)Random.Next(10, 21);
        var taken = (long)Random.Next(5, 16);
        Publish("combat.damage_dealt", Fields.Of(("enemy", enemy), ("amount", dealt), ("message", $"You hit the {enemy} for {dealt} damage!")));
        Publish("combat.damage_taken", Fields.Of(("enemy", enemy), ("amount", taken), ("message", $"The {enemy} hits you for {taken} damage!")));
        Publish("player.health_change", Fields.Of(("amount", -taken), ("reason", $"Damage from {enemy}")));
    }
}
