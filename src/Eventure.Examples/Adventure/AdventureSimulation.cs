using Eventure.Actors;

namespace Eventure.Examples.Adventure;

/// <summary>The adventure as an actor simulation: the player, six rooms and four enemies.</summary>
internal static class AdventureSimulation
{
    /// <summary>The simulation id (the journal's persistence id is <c>eventure-adventure</c>).</summary>
    public const string Id = "adventure";

    /// <summary>A game that has not ended after this many ticks is stopped (it cannot happen with the script).</summary>
    public const int MaxTicks = 200;

    /// <summary>The entity kinds, so a journal can respawn the population.</summary>
    public static EntityRegistry Registry()
    {
        var registry = new EntityRegistry();
        new AdventureScenario().RegisterEntities(registry);
        return registry;
    }

    /// <summary>Whether <paramref name="log"/> holds a finished game.</summary>
    public static bool IsFinished(EventLog log) => log.CreateQuery().GetEventsByType("game.final_score").Count > 0;

    /// <summary>
    /// Spawns the world (unless it was recovered) and runs ticks until the game ends, or until <paramref name="ticks"/>
    /// more ticks have run: a simulation resumed from the journal of an unfinished game plays on from its next tick.
    /// </summary>
    /// <returns>The log: a finished game, or with <paramref name="ticks"/> possibly one to continue.</returns>
    /// <exception cref="InvalidOperationException">Without a tick limit, the game did not end within <see cref="MaxTicks"/> ticks.</exception>
    public static async Task<EventLog> PlayAsync(Simulation simulation, long? ticks = null)
    {
        await SpawnAsync(simulation);
        var log = await simulation.GetLogAsync();
        for (var i = 0L; i < (ticks ?? MaxTicks) && !IsFinished(log); i++)
        {
            await simulation.StepAsync();
            log = await simulation.GetLogAsync();
        }

        return IsFinished(log) || ticks is not null
            ? log
            : throw new InvalidOperationException($"The adventure did not end within {MaxTicks} ticks.");
    }

    /// <summary>Spawns the player, the rooms and the enemies, unless the simulation was recovered with them.</summary>
    public static async Task SpawnAsync(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if ((await simulation.GetStatusAsync()).EntityCount == 0)
        {
            await simulation.SpawnAsync(PlayerEntity.Id, "player");
            foreach (var room in AdventureWorld.Rooms)
            {
                await simulation.SpawnAsync(RoomEntity.Prefix + room.Name, "room");
            }

            foreach (var enemy in AdventureWorld.Rooms.SelectMany(r => r.Enemies).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                await simulation.SpawnAsync(EnemyEntity.Prefix + enemy, "enemy");
            }
        }
    }
}
