namespace Eventure.Actors;

/// <summary>
/// A simulation that can be started afresh: the id it journals under, the kinds its entities are spawned as, and
/// the population of a fresh run. <see cref="SimulationVerifier"/> re-simulates a journal from it.
/// </summary>
/// <remarks>
/// <para>Give the implementation a public parameterless constructor and make it public: <c>eventure verify --scenario
/// PATH.dll</c> finds it by its <see cref="Id"/> among the public types of your assembly.</para>
/// <para><see cref="RegisterEntities"/> registers every kind the journal holds, including the kinds of entities
/// spawned later from outside (the verifier respawns those by kind). <see cref="SpawnAsync"/> only spawns: it is
/// called once on a fresh simulation, before tick 0, and the verifier replays everything else that came from
/// outside (input, later spawns, despawns) from the journal at its tick.</para>
/// </remarks>
/// <example>
/// <code>
/// public sealed class TownScenario : ISimulationScenario
/// {
///     public string Id => "town";
///     public void RegisterEntities(EntityRegistry entities) => entities.Register&lt;Villager&gt;("villager");
///     public async Task SpawnAsync(Simulation simulation)
///     {
///         for (var i = 0; i &lt; 3; i++) await simulation.SpawnAsync($"villager-{i}", "villager");
///     }
/// }
/// </code>
/// </example>
public interface ISimulationScenario
{
    /// <summary>The simulation id it journals under (the journal's persistence id is <c>eventure-{Id}</c>).</summary>
    string Id { get; }

    /// <summary>Registers the kinds its entities are spawned as.</summary>
    /// <param name="entities">The registry of the simulation being started.</param>
    void RegisterEntities(EntityRegistry entities);

    /// <summary>Spawns the population of a fresh run (spawns only: no ticks, no input).</summary>
    /// <param name="simulation">A simulation started with this scenario's id and entity kinds.</param>
    Task SpawnAsync(Simulation simulation);
}
