using System.Globalization;

namespace Eventure.Examples.Adventure;

/// <summary>
/// The adventure game on the in-process core bus (depth-first, like the original). Rolls come from one
/// <see cref="Random"/> seeded before any draw, and timestamps from a virtual clock, so a seed always gives
/// the same log. State is never kept in handlers: it is derived from the log with
/// <see cref="AdventureState.Replay"/>.
/// </summary>
internal sealed class AdventureGame
{
    private readonly EventLog _log;
    private readonly EventBus _bus;
    private readonly Random _random;

    public AdventureGame(int seed, TimeProvider clock)
    {
        _log = new EventLog(clock);
        _bus = new EventBus(_log);
        _random = new Random(seed);
        _bus.Subscribe("player.move", OnMove);
        _bus.Subscribe("player.pickup_item", OnPickup);
        _bus.Subscribe("room.enter", OnRoomEnter);
        _bus.Subscribe("enemy.encounter", OnEncounter);
        _bus.Subscribe("combat.round", OnCombatRound);
        _bus.Subscribe("treasure.found", OnTreasure);
        _bus.Subscribe("player.health_change", OnHealthChange);
        _bus.Subscribe("game.end", OnGameEnd);
    }

    public EventLog Log => _log;

    public AdventureState State => AdventureState.Replay(_log.Events);

    /// <summary>Plays the scripted walk and ends the game in victory unless the player died.</summary>
    public void Play()
    {
        _bus.Publish("game.start", Data(("message", "Welcome to the Adventure Game!")));
        foreach (var (type, target, message) in AdventureWorld.Script)
        {
            if (State.GameOver)
            {
                return;
            }

            var key = type == "player.move" ? "destination" : "item";
            _bus.Publish(type, Data((key, target), ("message", message)));
        }

        if (!State.GameOver)
        {
            _bus.Publish("game.end", Data(("message", "You've completed your adventure!"), ("outcome", "victory")));
        }
    }

    private void OnMove(Event move)
    {
        var room = AdventureWorld.Room((string)move.Data["destination"]!);
        _log.AdvanceTick();
        _bus.Publish("room.enter", Data(("room", room.Name), ("description", room.Description)), move);
    }

    private void OnPickup(Event pickup)
    {
        if ((string)pickup.Data["item"]! == "health_potion")
        {
            _bus.Publish("player.health_change", Data(("amount", 25L), ("reason", "You drink a health potion")), pickup);
        }
    }

    private void OnRoomEnter(Event enter)
    {
        var room = AdventureWorld.Room((string)enter.Data["room"]!);
        foreach (var item in room.Items.Where(_ => _random.NextDouble() < AdventureWorld.ItemChance))
        {
            _bus.Publish("item.discover", Data(("item", item), ("message", $"You spot a {item} in the room.")), enter);
        }

        foreach (var enemy in room.Enemies.Where(_ => _random.NextDouble() < AdventureWorld.EnemyChance))
        {
            _bus.Publish("enemy.encounter", Data(("enemy", enemy), ("message", $"A {enemy} appears before you!")), enter);
        }

        foreach (var treasure in room.Treasures.Where(_ => _random.NextDouble() < AdventureWorld.TreasureChance))
        {
            _bus.Publish("treasure.found", Data(("treasure", treasure), ("message", $"You discovered a {treasure}!")), enter);
        }

        if (room.Name == "treasury" && State.Inventory.Contains("key"))
        {
            _bus.Publish(
                "treasure.found",
                Data(("treasure", "ancient_artifact"), ("message", "The key unlocks a hidden compartment revealing an ancient artifact!"), ("value", 1000L)),
                enter);
        }
    }

    private void OnEncounter(Event encounter)
    {
        var enemy = (string)encounter.Data["enemy"]!;
        _log.AdvanceTick();
        _bus.Publish("combat.start", Data(("enemy", enemy), ("enemy_health", 100L), ("message", $"Combat with {enemy} begins!")), encounter);
        for (var round = 1L; round <= AdventureWorld.CombatRounds && !State.GameOver; round++)
        {
            _bus.Publish("combat.round", Data(("enemy", enemy), ("round", round), ("message", $"Round {round} against {enemy}!")), encounter);
        }
    }

    private void OnCombatRound(Event round)
    {
        var enemy = (string)round.Data["enemy"]!;
        var dealt = (long)_random.Next(10, 21);
        var taken = (long)_random.Next(5, 16);
        _bus.Publish("combat.damage_dealt", Data(("enemy", enemy), ("amount", dealt), ("message", $"You hit the {enemy} for {dealt} damage!")), round);
        _bus.Publish("combat.damage_taken", Data(("enemy", enemy), ("amount", taken), ("message", $"The {enemy} hits you for {taken} damage!")), round);
        _bus.Publish("player.health_change", Data(("amount", -taken), ("reason", $"Damage from {enemy}")), round);
        _log.AdvanceTick();
        if ((long)round.Data["round"]! == AdventureWorld.CombatRounds && !State.GameOver)
        {
            _bus.Publish("enemy.defeated", Data(("enemy", enemy), ("message", $"You defeated the {enemy}!")), round);
        }
    }

    private void OnTreasure(Event found)
    {
        if ((string)found.Data["treasure"]! == "magic_amulet")
        {
            _bus.Publish("player.health_change", Data(("amount", 50L), ("reason", "The magic amulet heals you")), found);
        }
    }

    private void OnHealthChange(Event change)
    {
        var state = State;
        if (state.Health <= 0 && !state.GameOver)
        {
            _bus.Publish("player.death", Data(("message", "You have been defeated...")), change);
            _bus.Publish("game.end", Data(("message", "Your adventure ends here."), ("outcome", "defeat")), change);
        }
    }

    private void OnGameEnd(Event end)
    {
        var state = State;
        _bus.Publish(
            "game.final_score",
            Data(
                ("score", AdventureWorld.Score(state)),
                ("enemies_defeated", state.EnemiesDefeated),
                ("treasures_found", (long)state.Treasures.Count),
                ("health_remaining", state.Health),
                ("outcome", state.Outcome)),
            end);
    }

    private static Dictionary<string, object?> Data(params (string Key, object? Value)[] entries)
    {
        var data = new Dictionary<string, object?>(entries.Length, StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>Prints the summary and the query demonstrations of the original, querying types that occur.</summary>
    public void PrintReport(TextWriter output)
    {
        var state = State;
        var query = _log.CreateQuery();
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("===== GAME SUMMARY =====");
        output.WriteLine($"Outcome: {state.Outcome ?? "unfinished"}");
        output.WriteLine($"Location: {state.Location}");
        output.WriteLine($"Health: {state.Health.ToString(invariant)}");
        output.WriteLine($"Inventory: {string.Join(", ", state.Inventory)}");
        output.WriteLine($"Enemies defeated: {state.EnemiesDefeated.ToString(invariant)}");
        output.WriteLine($"Treasures: {string.Join(", ", state.Treasures)}");
        output.WriteLine($"Score: {AdventureWorld.Score(state).ToString(invariant)}");
        output.WriteLine($"Events: {_log.Events.Count.ToString(invariant)} over ticks 0-{_log.CurrentTick.ToString(invariant)}, {query.GetRootEvents().Count.ToString(invariant)} roots");

        output.WriteLine();
        output.WriteLine("===== QUERIES =====");
        output.WriteLine("Events by type:");
        foreach (var (type, count) in query.CountEventsByType())
        {
            output.WriteLine($"  {type}: {count.ToString(invariant)}");
        }

        var combat = _log.Events.Count(e => e.Type.StartsWith("combat.", StringComparison.Ordinal));
        output.WriteLine($"Total combat events: {combat.ToString(invariant)}");
        var moves = query.GetEventsByType("player.move");
        var firstMove = moves.Count > 0 ? moves[0] : null;
        if (firstMove is not null)
        {
            output.WriteLine($"Events triggered by the first move: {(query.GetCascadeEvents(firstMove).Count - 1).ToString(invariant)}");
        }

        var encounters = query.GetEventsByType("enemy.encounter");
        var firstEncounter = encounters.Count > 0 ? encounters[0] : null;
        if (firstEncounter is not null)
        {
            var enemy = (string)firstEncounter.Data["enemy"]!;
            output.WriteLine($"Events mentioning the {enemy}: {query.GetEventsByData("enemy", enemy).Count.ToString(invariant)}");
            output.WriteLine();
            output.WriteLine($"Cascade of the {enemy} encounter:");
            query.PrintSingleCascade(firstEncounter, output);
        }
    }
}
