using System.Collections.Immutable;

namespace Eventure.Examples.Adventure;

/// <summary>The player's state, derived only by folding events with <see cref="Apply"/>.</summary>
/// <param name="Location">The room the player is in, or empty before the first move.</param>
/// <param name="Health">Health points, 0 to 100.</param>
/// <param name="Inventory">Items discovered or picked up, in order.</param>
/// <param name="EnemiesDefeated">How many enemies were defeated.</param>
/// <param name="Treasures">Treasures found, in order.</param>
/// <param name="Outcome">"victory" or "defeat" once the game has ended, otherwise null.</param>
internal sealed record AdventureState(
    string Location,
    long Health,
    ImmutableList<string> Inventory,
    long EnemiesDefeated,
    ImmutableList<string> Treasures,
    string? Outcome)
{
    public static AdventureState Initial { get; } = new(string.Empty, AdventureWorld.StartingHealth, [], 0, [], null);

    public bool GameOver => Outcome is not null;

    /// <summary>The pure state transition: the state after <paramref name="e"/>.</summary>
    public static AdventureState Apply(AdventureState state, Event e) => e.Type switch
    {
        "room.enter" => state with { Location = Text(e, "room") },
        "item.discover" or "player.pickup_item" => state with { Inventory = state.Inventory.Add(Text(e, "item")) },
        "treasure.found" => state with { Treasures = state.Treasures.Add(Text(e, "treasure")) },
        "player.health_change" => state with { Health = Math.Clamp(state.Health + (long)e.Data["amount"]!, 0, AdventureWorld.StartingHealth) },
        "enemy.defeated" => state with { EnemiesDefeated = state.EnemiesDefeated + 1 },
        "game.end" => state with { Outcome = Text(e, "outcome") },
        _ => state,
    };

    /// <summary>Folds <paramref name="events"/> from the initial state.</summary>
    public static AdventureState Replay(IEnumerable<Event> events) => events.Aggregate(Initial, Apply);

    private static string Text(Event e, string key) => (string)e.Data[key]!;
}
