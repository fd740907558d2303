using System.Collections.Immutable;
using Akka.Actor;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

// Messages between the coordinator and bus of a simulation and its partitions: one message and one answer per
// partition per tick and per wave, whatever the number of entities. Internal: users talk to the Simulation.

/// <summary>An entity to create in a partition.</summary>
/// <param name="EntityId">The entity id.</param>
/// <param name="Kind">Its registered kind.</param>
/// <param name="Props">How to create its actor.</param>
/// <param name="History">Its own past events (on resume).</param>
/// <param name="IsRecovery">Whether it is rebuilt on resume rather than spawned anew.</param>
/// <param name="State">Its state from a snapshot, as JSON, if it has one.</param>
/// <param name="StateVersion">The version of <paramref name="State"/>.</param>
/// <param name="ReadHistory">Whether its whole history must be read from the journal first (resumed after a snapshot
/// without a state value).</param>
/// <param name="JoinTick">The tick a spawn joins (its <c>entity.spawned</c> is stored with it); -1 for a resumed entity.</param>
internal sealed record EntitySpec(string EntityId, string Kind, Props Props, ImmutableArray<Event> History, bool IsRecovery, string? State = null, int StateVersion = 0, bool ReadHistory = false, long JoinTick = -1);

/// <summary>Creates and initializes entities (between ticks). Answered with <see cref="EntitiesCreated"/>.</summary>
/// <param name="Batch">Which spawn this belongs to (echoed).</param>
/// <param name="Entities">The entities.</param>
internal sealed record CreateEntities(long Batch, ImmutableArray<EntitySpec> Entities) : IEventureMessage, INoSerializationVerificationNeeded;

/// <summary>Every entity of a <see cref="CreateEntities"/> has started (or failed to).</summary>
/// <param name="Batch">The spawn.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Entities">Each entity's start, in the order given.</param>
internal sealed record EntitiesCreated(long Batch, int Partition, ImmutableArray<CreatedEntity> Entities) : IEventureMessage;

/// <summary>Stops entities that left (or whose spawn was rolled back). No answer.</summary>
/// <param name="EntityIds">The entities.</param>
internal sealed record RemoveEntities(ImmutableArray<string> EntityIds) : IEventureMessage;

/// <summary>Sends <see cref="Tick"/> to the partition's entities in id order and collects their answers.</summary>
/// <param name="TickNumber">The tick.</param>
/// <param name="Epoch">The attempt at running it (raised when a tick is run again after a partition was lost; echoed).</param>
/// <param name="ExpectedIds">
/// The <c>Population.Digest</c> of the ids the coordinator expects the partition to hold (0: none): a partition whose ids
/// have that digest answers without them.
/// </param>
internal sealed record PartitionTick(long TickNumber, long Epoch = 0, long ExpectedIds = 0) : IEventureMessage;

/// <summary>The partition's answers to <see cref="PartitionTick"/>.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="TickNumber">The tick.</param>
/// <param name="EntityIds">Its entities, in id order; empty when <paramref name="IdsLeftOut"/>.</param>
/// <param name="Checksums">Each entity's state checksum, in the same order.</param>
/// <param name="Work">The answers that carry more than a checksum.</param>
/// <param name="Silent">Entities that did not answer within <c>eventure.tick.timeout</c>.</param>
/// <param name="Epoch">The epoch of the <see cref="PartitionTick"/> answered.</param>
/// <param name="IdsLeftOut">
/// The partition holds exactly the ids the <see cref="PartitionTick"/> expected (their digest matched), which the
/// coordinator kept, so <paramref name="EntityIds"/> is left empty: across nodes these ids were most of an answer's bytes.
/// </param>
internal sealed record PartitionTicked(
    int Partition,
    long TickNumber,
    ImmutableArray<string> EntityIds,
    ImmutableArray<long> Checksums,
    ImmutableArray<EntityAnswer> Work,
    ImmutableArray<string> Silent,
    long Epoch = 0,
    bool IdsLeftOut = false) : IEventureMessage;

/// <summary>One wave's work for the partition's entities. Answered with <see cref="PartitionWaveAnswered"/>.</summary>
/// <param name="TickNumber">The tick.</param>
/// <param name="Wave">The wave.</param>
/// <param name="Entities">Each entity's batch.</param>
/// <param name="Epoch">The attempt at running the tick (echoed).</param>
internal sealed record PartitionWave(long TickNumber, int Wave, ImmutableArray<EntityWork> Entities, long Epoch = 0) : IEventureMessage;

/// <summary>The partition's answers to <see cref="PartitionWave"/>.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="TickNumber">The tick.</param>
/// <param name="Wave">The wave.</param>
/// <param name="Answers">One answer per entity that had work (none for an entity that stopped meanwhile).</param>
/// <param name="Silent">Entities that did not answer within <c>eventure.tick.timeout</c>.</param>
/// <param name="Epoch">The epoch of the <see cref="PartitionWave"/> answered.</param>
internal sealed record PartitionWaveAnswered(int Partition, long TickNumber, int Wave, ImmutableArray<EntityAnswer> Answers, ImmutableArray<string> Silent, long Epoch = 0) : IEventureMessage;

/// <summary>An entity's actor stopped without the runtime asking it to (it leaves the population).</summary>
/// <param name="EntityId">The entity.</param>
internal sealed record EntityStopped(string EntityId) : IEventureMessage;

/// <summary>Asks the log for an entity's own stored events (to rebuild it after a restart).</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Request">Echoed in the answer.</param>
internal sealed record GetOwnHistory(string EntityId, long Request) : IEventureMessage;

/// <summary>An entity's own stored events, through <paramref name="ThroughTick"/>.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Request">The request.</param>
/// <param name="Events">Its events, in log order.</param>
/// <param name="ThroughTick">The last stored tick they cover.</param>
internal sealed record OwnHistory(string EntityId, long Request, ImmutableArray<Event> Events, long ThroughTick) : IEventureMessage;

/// <summary>Asks every entity of the partition for its state, for a snapshot. Answered with <see cref="PartitionStates"/>.</summary>
/// <param name="Tick">The last stored tick.</param>
/// <param name="Folds">
/// For a check rather than a snapshot: each entity's own stored events by entity id; every entity then reports the
/// state its own <c>Apply</c> folds from them (none listed: its initial state) instead of its live state.
/// </param>
internal sealed record CollectStates(long Tick, ImmutableDictionary<string, ImmutableArray<Event>>? Folds = null) : IEventureMessage;

/// <summary>The partition's entities and their states, for a snapshot.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Tick">The tick asked about.</param>
/// <param name="Entities">Each entity with its kind and state (null for one that replays its events).</param>
internal sealed record PartitionStates(int Partition, long Tick, ImmutableArray<Persistence.SnapshotEntity> Entities) : IEventureMessage;

/// <summary>
/// Brings the partition back to the end of <paramref name="LastStoredTick"/> after a tick was aborted: once the work in
/// flight is answered (the answers are stale and dropped), every entity that applied own events of a later tick is
/// stopped, so it can be rebuilt from the journal. Answered with <see cref="PartitionRewound"/>.
/// </summary>
/// <param name="LastStoredTick">The last tick in the journal.</param>
internal sealed record RewindPartition(long LastStoredTick) : IEventureMessage;

/// <summary>The partition is back at a tick boundary, with the entities it kept (the others must be rebuilt).</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Kept">The entities it still hosts, in id order.</param>
internal sealed record PartitionRewound(int Partition, ImmutableArray<string> Kept) : IEventureMessage;

/// <summary>
/// Partitions were lost (a node left the cluster): the tick being run, unless it is being stored, is abandoned, and
/// the one who reported the loss is told with <see cref="RebuildPartitions"/> once the simulation stands at a stored
/// tick boundary. Ticks run after that carry <paramref name="Epoch"/>; answers of earlier epochs are dropped.
/// </summary>
/// <param name="Epoch">The new epoch.</param>
internal sealed record PartitionsLost(long Epoch) : IEventureMessage;

/// <summary>The coordinator stands at the end of <paramref name="LastStoredTick"/>: the partitions can be rebuilt from the journal.</summary>
/// <param name="Epoch">The epoch of the <see cref="PartitionsLost"/> answered.</param>
/// <param name="LastStoredTick">The last tick in the journal.</param>
internal sealed record RebuildPartitions(long Epoch, long LastStoredTick) : IEventureMessage;
