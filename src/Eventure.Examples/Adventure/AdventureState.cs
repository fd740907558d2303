using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Eventure.Examples.Adventure;

/// <summary>The game as the log tells it, derived only by folding events with <see cref="Apply(AdventureState, Event)"/>.</summary>
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

    [JsonIgnore]
    public bool GameOver => Outcome is not null;

    /// <summary>The pure state transition: the state after <paramref name="e"/>.</summary>
    public static AdventureState Apply(AdventureState state, Event e) => Apply(state, e.Type, e.Data);

    /// <summary>The state after an event of <paramref name="type"/> with <paramref name="data"/> (the player's notes reuse it).</summary>
    public static AdventureState Apply(AdventureState state, string type, IReadOnlyDictionary<string, object?> data) => type switch
    {
        "room.enter" => state with { Location = Text(data, "room") },
        "item.discover" or "player.pickup_item" => state with { Inventory = state.Inventory.Add(Text(data, "item")) },
        "treasure.found" => state with { Treasures = state.Treasures.Add(Text(data, "treasure")) },
        "player.health_change" => state with { Health = Math.Clamp(state.Health + (long)data["amount"]!, 0, AdventureWorld.StartingHealth) },
        "enemy.defeated" => state with { EnemiesDefeated = state.EnemiesDefeated + 1 },
        "game.end" => state with { Outcome = Text(data, "outcome") },
        _ => state,
    };

    /// <summary>Folds <paramref name="events"/> from the initial state.</summary>
    public static AdventureState Replay(IEnumerable<Event> events) => events.Aggregate(Initial, Apply);

    private static string Text(IReadOnlyDictionary<string, object?> data, string key) => (string)data[key]!;
}
