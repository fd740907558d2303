using System.Collections.Immutable;
using Akka.Actor;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

/// <summary>Creating, removing, rebuilding and losing the partition's entities.</summary>
internal sealed partial class PartitionActor
{
    private void Create(CreateEntities create)
    {
        var children = new Child[create.Entities.Length];
        var spawn = new Spawn(create.Batch, Sender, children);
        for (var i = 0; i < children.Length; i++)
        {
            var spec = create.Entities[i];
            IActorRef actor;
            try
            {
                actor = Context.ActorOf(spec.Props, NameFor(spec.EntityId));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ActorInitializationException)
            {
                spawn.Answer(i, new CreatedEntity(spec.EntityId, [], 0, new EntityFault(ex.GetType().Name, ex.Message)));
                continue;
            }

            var child = new Child(spec.EntityId, spec.Kind, actor) { SpawnIndex = i };
            children[i] = child;
            _children[child.Id] = child;
            _byActor[actor] = child;
            _ordered = null;
            if (spec.ReadHistory)
            {
                // Resumed after a snapshot, an entity without a state value replays its whole history from the journal.
                RequestHistory(child);
                continue;
            }

            actor.Tell(new InitializeEntity(spec.EntityId, _seed, spec.History, spec.IsRecovery, StateJson: spec.State, StateVersion: spec.StateVersion), Self);
        }

        _spawn = spawn;
        FinishSpawnIfDone();
    }

    private string NameFor(string entityId)
    {
        // A despawned entity's actor may still be stopping under its old name: a respawn then gets a numbered one.
        var name = ActorPath.IsValidPathElement(entityId) ? $"entity-{entityId}" : $"entity-{_names++}";
        return Context.Child(name).IsNobody() ? name : $"{name}-{_names++}";
    }

    private void Remove(ImmutableArray<string> entityIds)
    {
        foreach (var id in entityIds)
        {
            if (_children.Remove(id, out var child))
            {
                _byActor.Remove(child.Actor);
                _ordered = null;
                Context.Stop(child.Actor);
            }
        }
    }

    private void OnReady(IActorRef sender, EntityReady ready)
    {
        if (ChildOf(sender, ready.EntityId) is not { } child)
        {
            return;
        }

        if (child.SpawnIndex >= 0 && _spawn is { } spawn)
        {
            spawn.Answer(child.SpawnIndex, new CreatedEntity(ready.EntityId, ready.Subscriptions, ready.Checksum, ready.Fault));
            child.SpawnIndex = -1;
            if (ready.Fault is not null)
            {
                // It stops itself; nothing is reported for it beyond the failed spawn.
                Forget(child);
            }

            FinishSpawnIfDone();
            return;
        }

        if (ready.Fault is not null || !_open)
        {
            // A rebuild that failed stops the entity (reported when it stops); between ticks there is nothing to resume.
            return;
        }

        if (_wave < 0 && child.Job is null && child.Slot < _ticked.Length && !_ticked[child.Slot])
        {
            // It restarted without answering its Tick: it handles the Tick again, rebuilt.
            child.Actor.Tell(new Tick(_tick), Self);
            return;
        }

        if (child.Job is not { Finished: false } job)
        {
            return;
        }

        job.AwaitRebuild = false;
        if (job.Covered < job.Total)
        {
            // The rest of its batch, after the unit that faulted (its own events are part of the rebuild already).
            child.Actor.Tell(new EntityBatch(_tick, _wave, [], job.Work!.Deliveries[job.Covered..], job.Covered), Self);
            return;
        }

        job.Checksum = ready.Checksum;
        Done(child);
    }

    private void OnRestarted(IActorRef sender, EntityRestarted restarted)
    {
        if (ChildOf(sender, restarted.EntityId) is not { } child)
        {
            return;
        }

        if (restarted.Carried is { } carried)
        {
            // Its state value carries everything it applied, this tick included: nothing to read.
            child.Rebuild = ++_requests;
            child.Actor.Tell(new InitializeEntity(child.Id, _seed, [], IsRecovery: true, Carried: carried), Self);
            return;
        }

        RequestHistory(child);
    }

    private void RequestHistory(Child child)
    {
        child.Rebuild = ++_requests;
        _log.Tell(new GetOwnHistory(child.Id, child.Rebuild), Self);
    }

    private void OnHistory(OwnHistory history)
    {
        if (!_children.TryGetValue(history.EntityId, out var child) || child.Rebuild != history.Request)
        {
            return;
        }

        // The stored events, then those of the tick not stored yet (the entity applied them before it faulted).
        var events = history.Events.AddRange(child.Unstored.Where(e => e.Tick > history.ThroughTick));
        child.Actor.Tell(new InitializeEntity(child.Id, _seed, events, IsRecovery: true), Self);
    }

    private void OnChildStopped(IActorRef actor)
    {
        if (!_byActor.TryGetValue(actor, out var child) && (child = _children.Values.FirstOrDefault(c => c.Actor.Equals(actor))) is null)
        {
            return;
        }

        Forget(child);
        if (_collecting is { } collecting)
        {
            collecting.Lost();
            FinishCollectingIfDone();
        }

        if (child.SpawnIndex >= 0 && _spawn is { } spawn)
        {
            spawn.Answer(child.SpawnIndex, new CreatedEntity(child.Id, [], 0, StoppedWhileStarting));
            FinishSpawnIfDone();
            return;
        }

        // It stopped on its own: the coordinator takes it out of the population, and it no longer holds up the tick.
        Context.Parent.Tell(new EntityStopped(child.Id));
        child.Gone = true;
        if (!_open || IsAnswered(child))
        {
            return;
        }

        if (_wave < 0)
        {
            _ticked[child.Slot] = true;
            child.Job = null;
            _awaiting--;
        }
        else
        {
            child.Job!.Finished = true;
            _awaiting--;
        }

        FinishIfAnswered();
    }

    private void Collect(CollectStates collect)
    {
        _collecting = new Collecting(collect.Tick, Sender, _children.Count);
        foreach (var child in _children.Values)
        {
            var fold = collect.Folds is { } folds ? folds.GetValueOrDefault(child.Id, []) : (ImmutableArray<Event>?)null;
            child.Actor.Tell(new ReportEntityState(collect.Tick, fold), Self);
        }

        FinishCollectingIfDone();
    }

    private void OnStateReport(EntityStateReport report)
    {
        if (_collecting is { } collecting && report.Tick == collecting.Tick && _children.TryGetValue(report.EntityId, out var child))
        {
            collecting.Take(new Persistence.SnapshotEntity(child.Id, child.Kind, report.Json, report.Version));
            FinishCollectingIfDone();
        }
    }

    private void FinishCollectingIfDone()
    {
        if (_collecting is { Complete: true } collecting)
        {
            _collecting = null;
            collecting.ReplyTo.Tell(new PartitionStates(_index, collecting.Tick, collecting.Entities), Self);
        }
    }

    private void Forget(Child child)
    {
        _children.Remove(child.Id);
        _byActor.Remove(child.Actor);
        _ordered = null;
    }

    private void FinishSpawnIfDone()
    {
        if (_spawn is { Remaining: 0 } spawn)
        {
            _spawn = null;
            spawn.ReplyTo.Tell(new EntitiesCreated(spawn.Batch, _index, [.. spawn.Results.Select(r => r!)]), Self);
        }
    }

    /// <summary>One hosted entity.</summary>
    private sealed class Child(string id, string kind, IActorRef actor)
    {
        public string Id { get; } = id;

        public string Kind { get; } = kind;

        public IActorRef Actor { get; } = actor;

        /// <summary>Its position in id order during the current tick.</summary>
        public int Slot { get; set; } = int.MaxValue;

        /// <summary>Its position in the spawn in progress, or -1 once started.</summary>
        public int SpawnIndex { get; set; } = -1;

        /// <summary>The history request of its rebuild in progress.</summary>
        public long Rebuild { get; set; }

        /// <summary>It stopped on its own during the current tick.</summary>
        public bool Gone { get; set; }

        /// <summary>Its own events of the tick not stored yet (part of its history if it restarts).</summary>
        public List<Event> Unstored { get; } = [];

        /// <summary>Its work in the current wave (or its faulted Tick, until it is rebuilt).</summary>
        public Job? Job { get; set; }
    }

    /// <summary>A snapshot's states being collected.</summary>
    private sealed class Collecting(long tick, IActorRef replyTo, int expected)
    {
        private readonly ImmutableArray<Persistence.SnapshotEntity>.Builder _entities = ImmutableArray.CreateBuilder<Persistence.SnapshotEntity>(expected);
        private int _remaining = expected;

        public long Tick { get; } = tick;

        public IActorRef ReplyTo { get; } = replyTo;

        public bool Complete => _remaining <= 0;

        public ImmutableArray<Persistence.SnapshotEntity> Entities => _entities.ToImmutable();

        public void Take(Persistence.SnapshotEntity entity)
        {
            _entities.Add(entity);
            _remaining--;
        }

        public void Lost() => _remaining--;
    }

    /// <summary>A spawn in progress: one answer per entity, in the order given.</summary>
    private sealed class Spawn(long batch, IActorRef replyTo, Child[] children)
    {
        public long Batch { get; } = batch;

        public IActorRef ReplyTo { get; } = replyTo;

        public CreatedEntity?[] Results { get; } = new CreatedEntity?[children.Length];

        public int Remaining { get; private set; } = children.Length;

        public void Answer(int index, CreatedEntity result)
        {
            if (Results[index] is null)
            {
                Results[index] = result;
                Remaining--;
            }
        }
    }

    /// <summary>One entity's work in a wave (or its faulted Tick), and the parts of its answer so far.</summary>
    private sealed class Job(EntityWork? work)
    {
        private readonly AnswerBuilder _answer = new(work?.Deliveries.Length ?? 1);

        public EntityWork? Work { get; } = work;

        public int Total => _answer.Total;

        public int Covered => _answer.Covered;

        public long Checksum
        {
            get => _answer.Checksum;
            set => _answer.Checksum = value;
        }

        /// <summary>The entity is being rebuilt after a fault; the rest of its batch (or its answer) follows.</summary>
        public bool AwaitRebuild { get; set; }

        public bool Finished { get; set; }

        public bool Complete => Covered == Total && !AwaitRebuild;

        /// <summary>A Tick whose handler threw: done once the entity is rebuilt.</summary>
        public static Job ForTick(EntityAnswer answer)
        {
            var job = new Job(null) { AwaitRebuild = true };
            job._answer.Take(0, 1, answer);
            return job;
        }

        /// <summary>Takes one part of the answer; false when it is not the expected next part.</summary>
        public bool Take(BatchAck ack)
        {
            if (Finished || !_answer.Take(ack.Offset, ack.Count, ack.Answer))
            {
                return false;
            }

            AwaitRebuild = _answer.EndsInFault;
            return true;
        }

        public EntityAnswer Answer(string entityId) => _answer.Build(entityId);
    }
}
