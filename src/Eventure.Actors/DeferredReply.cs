namespace Eventure.Actors;

/// <summary>
/// A reply an entity keeps open after its handler returned (see <see cref="SimulationEntity"/>'s
/// <c>DeferReply</c>): the wave waits until <see cref="Complete"/> is called.
/// </summary>
/// <remarks>Use it only from the entity's own message handlers (for example on a piped result), never from
/// another thread. A handle is local to its entity: a self message that carries one should implement
/// <c>Akka.Actor.INoSerializationVerificationNeeded</c> so <c>serialize-messages</c> checks skip it. If the entity
/// faults on a later delivery of the same batch before the reply is completed, the reply is lost with the faulted
/// instance and recorded as an <c>entity.faulted</c> of its own delivery; completing it later does nothing.</remarks>
public sealed class DeferredReply
{
    private readonly SimulationEntity.Reply _reply;

    internal DeferredReply(SimulationEntity.Reply reply)
    {
        _reply = reply;
    }

    /// <summary>Publishes an event as part of the deferred reply (parent defaults to the delivered event).</summary>
    public void Publish(string type, IReadOnlyDictionary<string, object?>? data = null, Event? parent = null) =>
        SimulationEntity.EmitFromDeferred(_reply, type, data, parent, atTick: null);

    /// <summary>Publishes an event into a later tick as part of the deferred reply.</summary>
    public void PublishAt(long tick, string type, IReadOnlyDictionary<string, object?>? data = null, Event? parent = null) =>
        SimulationEntity.EmitFromDeferred(_reply, type, data, parent, tick);

    /// <summary>
    /// Despawns the entity as part of the deferred reply: <c>entity.despawned</c> follows what the reply publishes,
    /// as with <c>SimulationEntity.Despawn</c> inside a handler.
    /// </summary>
    public void Despawn() => _reply.Despawn = true;

    /// <summary>Sends the reply: the runtime continues the tick.</summary>
    public void Complete() => _reply.Owner.CompleteDeferred(_reply);
}
