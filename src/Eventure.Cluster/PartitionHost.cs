using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Eventure.Actors;
using Eventure.Actors.Engine;

namespace Eventure.Cluster;

/// <summary>
/// One partition of one simulation as a sharded entity: it hosts the runtime's own <c>PartitionActor</c> (which hosts the
/// entities) for the gateway that attached it, hands that gateway's messages to it and sends its answers back, each in
/// one envelope. Remember-entities and passivation are off: a host lives until its node leaves, and its gateway
/// rebuilds it from the journal on another node then.
/// </summary>
internal sealed class PartitionHost : UntypedActor
{
    private readonly string _simulation;
    private readonly int _index;
    private readonly EventureCluster _cluster;
    private IActorRef? _owner;
    private long _epoch = -1;
    private IActorRef _partition = ActorRefs.Nobody;
    private int _incarnations;
    private (long Epoch, PartitionAttached Reply)? _attached;
    private long _stepStarted;

    /// <summary>Creates the host of sharded entity <paramref name="entityId"/>; use <see cref="Props"/>.</summary>
    public PartitionHost(string entityId, EventureCluster cluster)
    {
        (_simulation, _index) = PartitionMessageExtractor.Parse(entityId);
        _cluster = cluster;
    }

    /// <summary>The props of the host of <paramref name="entityId"/>.</summary>
    public static Props Props(string entityId, EventureCluster cluster) => Akka.Actor.Props.Create(() => new PartitionHost(entityId, cluster));

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ToPartition { Message: AttachPartition attach } to:
                Attach(to.Epoch, attach);
                break;
            case ToPartition to when Sender.Equals(_owner) && to.Epoch == _epoch:
                Deliver(to.Message);
                break;
            case ToPartition:
                break; // of an earlier epoch, or of a gateway that is not (or no longer) the owner
            case PartitionRewound rewound when Sender.Equals(_partition):
                Reply(new PartitionAttached(Fresh: false, rewound.Kept));
                break;
            case Terminated terminated when terminated.ActorRef.Equals(_partition):
                // The partition failed (a runtime defect): the host stops, its gateway sees it and rebuilds it elsewhere.
                Context.Stop(Self);
                break;
            case Terminated:
                break;
            default:
                if (Sender.Equals(_partition))
                {
                    if (message is PartitionTicked or PartitionWaveAnswered && _stepStarted != 0)
                    {
                        _cluster.Wire.AddStep(Stopwatch.GetTimestamp() - _stepStarted);
                        _stepStarted = 0;
                    }

                    _owner?.Tell(new FromPartition(_index, _epoch, message), Self);
                }

                break;
        }
    }

    private void Attach(long epoch, AttachPartition attach)
    {
        if (Sender.Equals(_owner) && _attached is { } done && done.Epoch == epoch)
        {
            Sender.Tell(new FromPartition(_index, epoch, done.Reply), Self); // asked again: the answer was lost
            return;
        }

        if (Sender.Equals(_owner) && epoch > _epoch)
        {
            // The same gateway after a loss elsewhere: back to the last stored tick, keeping what is still valid.
            (_epoch, _attached) = (epoch, null);
            _partition.Tell(new RewindPartition(attach.LastStoredTick), Self);
            return;
        }

        if (Sender.Equals(_owner))
        {
            return; // an attach of an earlier epoch
        }

        // A new gateway (a new singleton, or the first): start over empty.
        if (!_partition.IsNobody())
        {
            Context.Unwatch(_partition);
            Context.Stop(_partition);
        }

        (_owner, _epoch) = (Sender, epoch);
        _partition = Context.ActorOf(PartitionActor.Props(_index, attach.Seed, attach.Timeout, attach.Log), $"partition-{++_incarnations}");
        Context.Watch(_partition);
        Reply(new PartitionAttached(Fresh: true, []));
    }

    private void Reply(PartitionAttached reply)
    {
        _attached = (_epoch, reply);
        _owner?.Tell(new FromPartition(_index, _epoch, reply), Self);
    }

    private void Deliver(object message)
    {
        if (message is not CreateByKind create)
        {
            _stepStarted = message is PartitionTick or PartitionWave ? Stopwatch.GetTimestamp() : _stepStarted;
            _partition.Tell(message, Self);
            return;
        }

        // Props come from this node's registry; a kind it cannot create fails the whole batch (a spawn is all or nothing).
        var registry = _cluster.RegistryOf(_simulation);
        var specs = ImmutableArray.CreateBuilder<EntitySpec>(create.Entities.Length);
        foreach (var spec in create.Entities)
        {
            if (!registry.TryCreate(spec.Kind, out var props))
            {
                var fault = new EntityFault("UnknownEntityKind", $"the entity kind '{spec.Kind}' is not registered on node {Context.System.Name}; register it in SimulationOptions.Entities on every node");
                var created = create.Entities.Select(e => new CreatedEntity(e.EntityId, [], 0, e.EntityId == spec.EntityId ? fault : NotStarted)).ToImmutableArray();
                _owner?.Tell(new FromPartition(_index, _epoch, new EntitiesCreated(create.Batch, _index, created)), Self);
                return;
            }

            specs.Add(new EntitySpec(spec.EntityId, spec.Kind, props, spec.History, spec.IsRecovery, spec.State, spec.StateVersion, spec.ReadHistory));
        }

        _partition.Tell(new CreateEntities(create.Batch, specs.MoveToImmutable()), Self);
    }

    private static readonly EntityFault NotStarted = new("SpawnAborted", "not started: another entity of the same spawn could not be created");
}
