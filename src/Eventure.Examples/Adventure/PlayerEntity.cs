using Eventure.Actors;

namespace Eventure.Examples.Adventure;

/// <summary>
/// The player: walks the scripted route one step per tick, fights the rounds enemies start, drinks and heals,
/// dies or wins, and announces the final score. It watches every event (<c>*</c>); what it learns from rooms and
/// enemies (a room entered, an item, a treasure, an enemy met or defeated) it journals as a <c>player.noted</c> event
/// of its own, caused by what it learned from, so its <see cref="PlayerState"/> is a fold of its own events and a
/// game resumed from the journal goes on as if it had never stopped.
/// </summary>
/// <remarks>
/// It notes every <c>treasure.found</c>, its own included (its own event changes nothing by itself), so its tally of
/// treasures never depends on who found one. Decisions read <see cref="SimulationEntity{TState}.Projected"/>: what it
/// decided earlier in the same wave (a step, a game end) counts before the ids come back.
/// </remarks>
internal sealed class PlayerEntity : SimulationEntity<PlayerState>
{
    /// <summary>The player's entity id.</summary>
    public const string Id = "player";

    protected override PlayerState InitialState => PlayerState.Initial;

    protected override void OnStart() => Subscribe("*");

    protected override void OnTick(long tick)
    {
        if (tick == 0)
        {
            Publish("game.start", Fields.Of(("message", "Welcome to the Adventure Game!")));
        }

        if (Projected is { Seen.GameOver: true } or { Awaiting: not null } or { Fights: > 0 })
        {
            return;
        }

        while (Projected.Steps < AdventureWorld.Script.Length)
        {
            var (type, target, message) = AdventureWorld.Script[Projected.Steps];
            if (type == "player.move")
            {
                Publish(type, Fields.Of(("destination", target), ("message", message)));
                return;
            }

            Publish(type, Fields.Of(("item", target), ("message", message)));
        }

        Publish("game.end", Fields.Of(("message", "You've completed your adventure!"), ("outcome", "victory")));
    }

    protected override PlayerState Apply(PlayerState state, Event e) => PlayerState.Apply(state, e);

    protected override void OnEvent(Event e)
    {
        if (PlayerState.NotedField(e.Type) is { } field)
        {
            Publish(PlayerState.Noted, Fields.Of(("of", e.Type), (field, e.Data[field])));
        }

        switch (e.Type)
        {
            case "room.enter" when e.Data["room"] as string == "treasury" && Projected.Seen.Inventory.Contains("key"):
                Publish(
                    "treasure.found",
                    Fields.Of(("treasure", "ancient_artifact"), ("message", "The key unlocks a hidden compartment revealing an ancient artifact!"), ("value", 1000L)));
                break;
            case "player.pickup_item" when e.Data["item"] as string == "health_potion":
                Publish("player.health_change", Fields.Of(("amount", 25L), ("reason", "You drink a health potion")));
                break;
            case "combat.round" when !Projected.Seen.GameOver:
                Fight((string)e.Data["enemy"]!);
                break;
            case "treasure.found" when e.Data["treasure"] as string == "magic_amulet":
                Publish("player.health_change", Fields.Of(("amount", 50L), ("reason", "The magic amulet heals you")));
                break;
            case "player.health_change" when Projected.Seen is { Health: <= 0, GameOver: false }:
                Publish("player.death", Fields.Of(("message", "You have been defeated...")));
                Publish("game.end", Fields.Of(("message", "Your adventure ends here."), ("outcome", "defeat")));
                break;
            case "game.end":
                var seen = Projected.Seen;
                Publish(
                    "game.final_score",
                    Fields.Of(
                        ("score", AdventureWorld.Score(seen)),
                        ("enemies_defeated", seen.EnemiesDefeated),
                        ("treasures_found", (long)seen.Treasures.Count),
                        ("health_remaining", seen.Health),
                        ("outcome", seen.Outcome)));
                break;
        }
    }

    protected override long StateChecksum() => (State.Steps * 1_000L) + State.Seen.Health;

    private void Fight(string enemy)
    {
        var dealt = (long)Random.Next(10, 21);
        var taken = (long)Random.Next(5, 16);
        Publish("combat.damage_dealt", Fields.Of(("enemy", enemy), ("amount", dealt), ("message", $"You hit the {enemy} for {dealt} damage!")));
        Publish("combat.damage_taken", Fields.Of(("enemy", enemy), ("amount", taken), ("message", $"The {enemy} hits you for {taken} damage!")));
        Publish("player.health_change", Fields.Of(("amount", -taken), ("reason", $"Damage from {enemy}")));
    }
}
