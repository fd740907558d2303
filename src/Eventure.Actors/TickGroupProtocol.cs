using System.Collections.Immutable;
using Akka.Actor;

namespace Eventure.Actors;

// Messages between the tick coordinator and its tick groups. Internal: users talk to the Simulation.

/// <summary>Gives a group its slice of the population, in entity-id order (sent between ticks).</summary>
/// <param name="Actors">The entities' actors.</param>
/// <param name="EntityIds">The entities' ids, slot for slot.</param>
internal sealed record AssignGroup(ImmutableArray<IActorRef> Actors, ImmutableArray<string> EntityIds) : IEventureMessage;

/// <summary>Sends <see cref="Tick"/> to the group's entities and collects their acks.</summary>
/// <param name="Tick">The tick.</param>
internal sealed record StartGroupTick(long Tick) : IEventureMessage;

/// <summary>Every entity of the group answered the tick.</summary>
/// <param name="Tick">The tick.</param>
/// <param name="Group">The group's index.</param>
/// <param name="Checksums">Each entity's state checksum, slot for slot.</param>
/// <param name="Work">Slot for slot, the acks that carry emissions, subscriptions or a fault (null for quiet
/// acks); empty when none did.</param>
internal sealed record GroupTicked(long Tick, int Group, ImmutableArray<long> Checksums, ImmutableArray<TickAck?> Work) : IEventureMessage;

/// <summary>Some entities of the group did not answer within <c>eventure.tick.timeout</c>.</summary>
/// <param name="Tick">The tick.</param>
/// <param name="Group">The group's index.</param>
/// <param name="Silent">The silent entities, in entity-id order.</param>
internal sealed record GroupTimedOut(long Tick, int Group, ImmutableArray<string> Silent) : IEventureMessage;

/// <summary>An entity of the group stopped during the tick: it no longer holds the tick up.</summary>
/// <param name="Tick">The tick.</param>
/// <param name="Actor">The stopped entity's actor.</param>
internal sealed record GroupMemberGone(long Tick, IActorRef Actor) : IEventureMessage;

/// <summary>A group crashed (a runtime defect); the simulation cannot continue.</summary>
/// <param name="Group">The group's index.</param>
/// <param name="Reason">The exception.</param>
internal sealed record GroupFailed(int Group, string Reason) : IEventureMessage;
