using System.Collections.Immutable;
using Akka.Actor;
using Eventure.Actors;
using Eventure.Actors.Engine;
using Eventure.Actors.Persistence;

namespace Eventure.Cluster;

/// <summary>Attaching the partitions, and rebuilding them from the journal after a loss.</summary>
internal sealed partial class PartitionGateway
{
    private readonly Dictionary<long, int> _rebuilding = [];
    private long _rebuildBatches;

    /// <summary>Attaches every partition in the current epoch (retried until each answers: a shard may be moving).</summary>
    private void AttachAll()
    {
        _phase = Phase.Attaching;
        _attached = new PartitionAttached?[_count];
        WatchForStall();
        AttachMissing();
        Timers.StartPeriodicTimer(AttachTimer, AttachTick.Instance, AttachRetry);
    }

    private void AttachMissing()
    {
        for (var partition = 0; partition < _count; partition++)
        {
            if (_attached[partition] is null)
            {
                Tell(partition, new AttachPartition(_lastStored, _log, _seed, _timeout));
            }
        }
    }

    private void OnAttached(int partition, long epoch, PartitionAttached attached)
    {
        if (epoch != _epoch || _phase != Phase.Attaching || _attached[partition] is not null)
        {
            return;
        }

        _attached[partition] = attached;
        if (!Sender.Equals(_hosts[partition]))
        {
            if (_hosts[partition] is { } old)
            {
                Context.Unwatch(old);
            }

            _hosts[partition] = Sender;
            Context.Watch(Sender);
        }

        if (Array.Exists(_attached, a => a is null))
        {
            return;
        }

        Timers.Cancel(AttachTimer);
        if (!_started)
        {
            _started = true;
            Resume();
            return;
        }

        // After a loss: the journal says which entities each partition must host.
        _phase = Phase.Rebuilding;
        _log.Tell(GetRecovery.Instance, Self);
    }

    /// <summary>Creates, in each partition, the live entities of the journal it does not host (nor is being sent).</summary>
    private void Rebuild(RecoveredState recovered)
    {
        var pending = _outstanding.Where(o => o.Message is CreateEntities).SelectMany(o => ((CreateEntities)o.Message).Entities.Select(e => e.EntityId)).ToHashSet(StringComparer.Ordinal);
        foreach (var group in recovered.Entities.GroupBy(e => Population.PartitionOf(e.EntityId, _count)).OrderBy(g => g.Key))
        {
            var kept = _attached[group.Key]!.Kept.ToHashSet(StringComparer.Ordinal);
            var missing = group.Where(e => !kept.Contains(e.EntityId) && !pending.Contains(e.EntityId)).Select(SpecOf).ToImmutableArray();
            if (missing.Length > 0)
            {
                var batch = --_rebuildBatches;
                _rebuilding[batch] = group.Key;
                Tell(group.Key, new CreateByKind(batch, missing));
            }
        }

        if (_rebuilding.Count == 0)
        {
            Resume();
        }
    }

    private KindSpec SpecOf(RecoveredEntity entity)
    {
        var hasState = _registry.TryCreate(entity.Kind, out var props) && typeof(SimulationEntity<>).IsAssignableFromGeneric(props.Type);
        return new KindSpec(entity.EntityId, entity.Kind, entity.Events, IsRecovery: true, entity.State, entity.StateVersion, ReadHistory: !entity.HistoryComplete && !hasState);
    }

    private void OnRebuilt(long epoch, EntitiesCreated created)
    {
        if (epoch != _epoch || _phase != Phase.Rebuilding || !_rebuilding.Remove(created.Batch))
        {
            return;
        }

        if (created.Entities.FirstOrDefault(e => e.Fault is not null) is { } failed)
        {
            Context.Parent.Tell(new RoleSupervision.PartFailed($"partition-{created.Partition}",
                $"entity '{failed.EntityId}' could not be rebuilt from the journal after its node was lost: {failed.Fault!.Message}"), Self);
            return;
        }

        if (_rebuilding.Count == 0)
        {
            Resume();
        }
    }

    /// <summary>
    /// Lets traffic flow: requests a lost host never answered go to its new incarnation again, then what was held, in
    /// order (tick and wave messages of an abandoned epoch are dropped).
    /// </summary>
    private void Resume()
    {
        _phase = Phase.Running;
        Timers.Cancel(StallTimer);
        var resend = _outstanding.Where(o => _attached[o.Partition]?.Fresh == true).ToList();
        _outstanding.RemoveAll(o => _attached[o.Partition]?.Fresh == true);
        foreach (var (partition, message, sender) in resend)
        {
            Send(new Outbound(partition, message), sender);
        }

        var held = _held.ToList();
        _held.Clear();
        foreach (var (outbound, sender) in held)
        {
            if (!IsStale(outbound.Message))
            {
                Send(outbound, sender);
            }
        }
    }
}
