using System.Collections.Immutable;

namespace Eventure.Examples.Adventure;

/// <summary>One room of the dungeon and what may be found in it.</summary>
/// <param name="Name">The room's id, e.g. <c>treasury</c>.</param>
/// <param name="Description">What the player reads on entering.</param>
/// <param name="Items">Items that may be discovered (each with probability 0.5).</param>
/// <param name="Enemies">Enemies that may be encountered (each with probability 0.7).</param>
/// <param name="Treasures">Treasures that may be found (each with probability 0.3).</param>
internal sealed record Room(string Name, string Description, ImmutableArray<string> Items, ImmutableArray<string> Enemies, ImmutableArray<string> Treasures);
