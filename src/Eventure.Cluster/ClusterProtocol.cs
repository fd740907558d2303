using System.Collections.Immutable;
using Akka.Actor;
using Eventure.Actors;

namespace Eventure.Cluster;

// Messages between a simulation's singleton (its partition gateway and client) and the sharded partition hosts. Every
// message that crosses nodes between the coordinator or bus and the partitions is a ToPartition or a FromPartition:
// the wire serializer counts exactly those (see WireSerializer).

/// <summary>Marks the envelopes that carry the partitions' traffic between nodes (bound to the counting <see cref="WireSerializer"/>).</summary>
internal interface IPartitionWire
{
}

/// <summary>A message for partition <paramref name="Partition"/> of simulation <paramref name="Simulation"/>, sent by its gateway through the shard region.</summary>
/// <param name="Simulation">The simulation id.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Epoch">The gateway's epoch: a host drops what an earlier epoch or another gateway sends.</param>
/// <param name="Message">The partition protocol message (a <see cref="CreateByKind"/> instead of a <c>CreateEntities</c>).</param>
internal sealed record ToPartition(string Simulation, int Partition, long Epoch, object Message) : IPartitionWire;

/// <summary>A partition's answer, to its gateway.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Epoch">The host's epoch when it answered.</param>
/// <param name="Message">The partition protocol message.</param>
internal sealed record FromPartition(int Partition, long Epoch, object Message) : IPartitionWire;

/// <summary>
/// Makes the sender the partition's gateway: a host of another gateway (or a new one) starts over empty; the host of the
/// same gateway rewinds to <paramref name="LastStoredTick"/> (see <c>RewindPartition</c>). Answered with <see cref="PartitionAttached"/>.
/// </summary>
/// <param name="LastStoredTick">The last tick in the journal.</param>
/// <param name="Log">The simulation's log actor (entities rebuilt after a fault read their history from it).</param>
/// <param name="Seed">The simulation seed.</param>
/// <param name="Timeout">How long the partition waits for an entity (<c>eventure.tick.timeout</c>).</param>
internal sealed record AttachPartition(long LastStoredTick, IActorRef Log, int Seed, TimeSpan Timeout) : IEventureMessage;

/// <summary>The partition belongs to the gateway in the envelope's epoch.</summary>
/// <param name="Fresh">It started over empty (a new host, or a new gateway).</param>
/// <param name="Kept">The entities it still hosts, in id order.</param>
internal sealed record PartitionAttached(bool Fresh, ImmutableArray<string> Kept) : IEventureMessage;

/// <summary>Creates entities by registered kind (a <c>Props</c> cannot travel): the host finds the props in its node's registry.</summary>
/// <param name="Batch">The spawn (echoed in <c>EntitiesCreated</c>); negative for the gateway's own rebuilds.</param>
/// <param name="Entities">The entities.</param>
internal sealed record CreateByKind(long Batch, ImmutableArray<KindSpec> Entities) : IEventureMessage;

/// <summary>An entity to create, as <c>EntitySpec</c> without its props.</summary>
/// <param name="EntityId">The entity id.</param>
/// <param name="Kind">Its registered kind.</param>
/// <param name="History">Its own past events.</param>
/// <param name="IsRecovery">Whether it is rebuilt rather than spawned anew.</param>
/// <param name="State">Its snapshot state as JSON, if any.</param>
/// <param name="StateVersion">The version of <paramref name="State"/>.</param>
/// <param name="ReadHistory">Whether it reads its whole history from the journal first.</param>
internal sealed record KindSpec(string EntityId, string Kind, ImmutableArray<Event> History, bool IsRecovery, string? State, int StateVersion, bool ReadHistory);

/// <summary>Spawns by kind on the singleton (the client's form of <c>SpawnEntity</c> and <c>SpawnEntities</c>).</summary>
/// <param name="Entities">Each entity's id and kind, in order.</param>
/// <param name="Single">Whether it was one <c>SpawnEntity</c> (answered with <c>EntitySpawned</c>).</param>
internal sealed record SpawnByKind(ImmutableArray<(string EntityId, string Kind)> Entities, bool Single) : IEventureMessage;

/// <summary>Stops the simulation's singleton (the hand-over message of its singleton manager).</summary>
internal sealed record StopSingleton : IEventureMessage
{
    /// <summary>The single instance.</summary>
    public static StopSingleton Instance { get; } = new();
}

/// <summary>A message from the coordinator or bus for a partition, on its way through the gateway (never leaves the node).</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Message">The message.</param>
internal sealed record Outbound(int Partition, object Message) : INoSerializationVerificationNeeded;
