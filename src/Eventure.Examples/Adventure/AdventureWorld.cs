using System.Collections.Immutable;

namespace Eventure.Examples.Adventure;

/// <summary>The dungeon of the original example: six rooms with items, enemies and treasures.</summary>
internal static class AdventureWorld
{
    public const double ItemChance = 0.5;
    public const double EnemyChance = 0.7;
    public const double TreasureChance = 0.3;
    public const int CombatRounds = 3;
    public const int StartingHealth = 100;

    public static ImmutableArray<Room> Rooms { get; } =
    [
        new("entrance", "You stand at the entrance of a dark dungeon.", ["torch"], [], []),
        new("hallway", "A long, dimly lit hallway stretches before you.", ["key"], [], []),
        new("chamber", "A large chamber with ancient markings on the walls.", [], ["goblin"], ["silver_coin"]),
        new("library", "Dusty shelves of forgotten books line the walls.", ["health_potion"], ["ghost"], ["magic_amulet"]),
        new("treasury", "Glittering treasures fill this heavily guarded room.", [], ["dragon"], ["gold_coins"]),
        new("laboratory", "Bubbling flasks and strange apparatus cover every table.", ["health_potion"], ["golem"], []),
    ];

    /// <summary>The scripted walk of the original: each step is a move or a pickup, in order.</summary>
    public static ImmutableArray<(string Type, string Target, string Message)> Script { get; } =
    [
        ("player.move", "entrance", "You enter the dungeon..."),
        ("player.move", "hallway", "You cautiously move into the hallway."),
        ("player.pickup_item", "key", "You found a rusty key!"),
        ("player.move", "chamber", "You enter the ancient chamber."),
        ("player.move", "treasury", "You use the key to unlock the treasury door."),
    ];

    public static Room Room(string name) =>
        Rooms.FirstOrDefault(r => r.Name == name) ?? throw new ArgumentException($"Unknown room '{name}'.", nameof(name));

    /// <summary>Score of the original: 100 per enemy defeated, 200 per treasure, plus remaining health.</summary>
    public static long Score(AdventureState state) => (100 * state.EnemiesDefeated) + (200 * state.Treasures.Count) + state.Health;
}
