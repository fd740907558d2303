using Eventure.Actors;

namespace Eventure.Examples.Adventure;

/// <summary>
/// The adventure as an <see cref="ISimulationScenario"/>: what <c>eventure verify --scenario Eventure.Examples.dll</c>
/// (or <c>--example adventure</c>) re-simulates a journal from.
/// </summary>
public sealed class AdventureScenario : ISimulationScenario
{
    /// <inheritdoc />
    public string Id => AdventureSimulation.Id;

    /// <inheritdoc />
    public void RegisterEntities(EntityRegistry entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        entities
            .Register<PlayerEntity>("player")
            .Register<RoomEntity>("room")
            .Register<EnemyEntity>("enemy");
    }

    /// <inheritdoc />
    public Task SpawnAsync(Simulation simulation) => AdventureSimulation.SpawnAsync(simulation);
}
