using Akka.Actor;

namespace Eventure.Actors;

/// <summary>
/// Where a simulation's coordinator runs when not as a plain actor of the caller's system: Eventure.Cluster registers
/// one (<see cref="EventureExtension.Host"/>) that runs it as a cluster singleton with sharded partitions. The
/// <see cref="Simulation"/> facade talks to whatever <see cref="StartAsync"/> returns exactly as to a local coordinator.
/// </summary>
internal interface ISimulationHost
{
    /// <summary>Starts (or joins) the simulation on this node; returns the actor that takes the coordinator's messages.</summary>
    Task<IActorRef> StartAsync(ActorSystem system, SimulationOptions options, EventureSettings settings, CancellationToken cancellationToken);

    /// <summary>This node stops taking part in simulation <paramref name="simulationId"/>.</summary>
    Task StopAsync(ActorSystem system, string simulationId, IActorRef coordinator);
}
