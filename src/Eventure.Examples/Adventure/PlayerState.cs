namespace Eventure.Examples.Adventure;

/// <summary>
/// What the player knows, a fold of its own events only: its moves, pickups, health changes and game end, and the
/// <c>player.noted</c> events it journals about what it learned from rooms and enemies.
/// </summary>
/// <param name="Steps">Script steps taken (moves and pickups).</param>
/// <param name="Awaiting">The room of the last move until the player has noted entering it.</param>
/// <param name="Fights">Enemies encountered and not yet defeated.</param>
/// <param name="Seen">The game as the player saw it (the same fold as the summary's, over what it noted and did).</param>
internal sealed record PlayerState(int Steps, string? Awaiting, int Fights, AdventureState Seen)
{
    /// <summary>The type of the player's notes: <c>of</c> names the event learned from, the other fields are copied from it.</summary>
    public const string Noted = "player.noted";

    public static PlayerState Initial { get; } = new(0, null, 0, AdventureState.Initial);

    /// <summary>The pure state transition over one of the player's own events.</summary>
    public static PlayerState Apply(PlayerState state, Event e) => e.Type switch
    {
        "player.move" => state with { Steps = state.Steps + 1, Awaiting = Fields.Text(e, "destination") },
        "player.pickup_item" => state with { Steps = state.Steps + 1, Seen = AdventureState.Apply(state.Seen, e) },
        "player.health_change" or "game.end" => state with { Seen = AdventureState.Apply(state.Seen, e) },
        Noted => Learn(state, e),
        _ => state,
    };

    /// <summary>The fields a note copies from the event it learned from (besides <c>of</c>), by event type; null for types the player does not note.</summary>
    public static string? NotedField(string type) => type switch
    {
        "room.enter" => "room",
        "item.discover" => "item",
        "treasure.found" => "treasure",
        "enemy.encounter" or "enemy.defeated" => "enemy",
        _ => null,
    };

    /// <summary>The state after a note: what the noted event would have changed.</summary>
    private static PlayerState Learn(PlayerState state, Event note)
    {
        var type = Fields.Text(note, "of");
        var seen = AdventureState.Apply(state.Seen, type, note.Data);
        return type switch
        {
            "room.enter" when state.Awaiting == Fields.Text(note, "room") => state with { Awaiting = null, Seen = seen },
            "enemy.encounter" => state with { Fights = state.Fights + 1 },
            "enemy.defeated" => state with { Fights = state.Fights - 1, Seen = seen },
            _ => state with { Seen = seen },
        };
    }
}
