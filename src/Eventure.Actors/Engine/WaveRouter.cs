using System.Collections.Immutable;
using Eventure.Internal;

namespace Eventure.Actors.Engine;

/// <summary>
/// Routes one tick's events in waves, as pure code: ids, dispatch ranks, the batches each partition receives, the
/// order of the next wave, subscription changes, and where faults and despawns go. Answers may arrive in any order
/// and from any partition layout: the result depends only on their content.
/// </summary>
/// <remarks>
/// <para>Wave w's events get their ids in wave order. Every entity then receives one batch: its own events of the
/// wave (to apply) and its deliveries in dispatch order (event by event, each event's subscribers by rank). When
/// every partition has answered, the next wave is the reactions in (event, rank, emit index) order: an entity's
/// publishes for a delivery, or its <c>entity.faulted</c> if the handler threw, followed by its
/// <c>entity.despawned</c> when it despawned itself there or reached <see cref="TickRules.MaxFaultsPerTick"/>.
/// Subscription changes apply at the wave boundary in (entity id, delivery, emit order) order; entities that left
/// in the wave receive nothing from the next wave on. The tick ends with the first empty wave.</para>
/// <para>Event ids use per-tick counters (the core's format), so nothing but the tick is needed to continue after
/// a restart.</para>
/// </remarks>
internal sealed class WaveRouter
{
    private static readonly ImmutableArray<Event> NoEvents = [];

    private readonly TickRules _rules;
    private readonly int _partitions;
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _typeHashes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private SubscriptionIndex<Member> _index = new();
    private SubscriptionIndex<Member>? _atTickStart;

    private readonly List<Event> _events = [];
    private readonly List<string?> _sources = [];
    private readonly List<EventOrigin> _origins = [];
    private readonly List<PendingEvent> _scheduled = [];
    private readonly List<IndexChange> _changes = [];
    private readonly List<Member> _touched = [];
    private readonly List<Member> _leaving = [];
    private readonly List<Member> _leftInWave = [];
    private readonly List<Member> _answered = [];
    private readonly bool[] _awaiting;
    private readonly SortedSet<string> _silent = new(StringComparer.Ordinal);
    private Member[][] _subscribers = [];
    private int[] _positions = [];
    private int _awaitingCount;
    private long _tick = -1;
    private double _timestamp;
    private int _wave;
    private int _waveStart;
    private bool _running;

    /// <summary>Creates a router for entities spread over <paramref name="partitions"/> partitions.</summary>
    public WaveRouter(TickRules rules, int partitions)
    {
        _rules = rules;
        _partitions = partitions;
        _awaiting = new bool[partitions];
    }

    /// <summary>
    /// Whether an aborted tick can be run again: the subscription index is then copied before the first change a tick
    /// makes to it, and <see cref="Abort"/> puts that copy back, also after the tick was routed but before it was stored
    /// (a cluster turns it on; on one node an abort stops the run).
    /// </summary>
    public bool CanRewind { get; init; }

    /// <summary>The tick being routed, if any.</summary>
    public long? Current => _running ? _tick : null;

    /// <summary>The subscriptions, for snapshots: every pattern in first-subscribed order, with its subscribers in order.</summary>
    public IEnumerable<(string Pattern, IEnumerable<string> EntityIds)> Subscriptions =>
        _index.Patterns.Select(p => (p.Pattern.Text, p.Subscribers.Select(m => m.Id)));

    /// <summary>Adds an entity with its first subscriptions (between ticks).</summary>
    public void Admit(string entityId, string kind, IEnumerable<SubscriptionChange> subscriptions)
    {
        _atTickStart = null; // between ticks: the last tick was stored
        var member = new Member(entityId, kind, Population.PartitionOf(entityId, _partitions));
        _members[entityId] = member;
        foreach (var change in subscriptions)
        {
            Apply(member, change);
        }
    }

    /// <summary>
    /// Rebuilds the index on resume: admits <paramref name="entities"/>, restores a snapshot's index
    /// (<paramref name="snapshot"/>: patterns in first-subscribed order, subscribers in order), then replays the
    /// stored steps after it. A change by an entity that is no longer live still declares its pattern, so patterns
    /// keep the place they had in the straight run.
    /// </summary>
    /// <param name="entities">The live entities.</param>
    /// <param name="snapshot">The snapshot's index, if the resume starts from one.</param>
    /// <param name="steps">What changed the index after it, in order.</param>
    /// <param name="fromStart">What each entity subscribed to in <c>OnStart</c> (for journals that did not store it).</param>
    public void Resume(
        IEnumerable<(string EntityId, string Kind)> entities,
        IEnumerable<(string Pattern, ImmutableArray<string> EntityIds)> snapshot,
        IEnumerable<IndexStep> steps,
        IReadOnlyDictionary<string, ImmutableArray<SubscriptionChange>> fromStart)
    {
        foreach (var (entityId, kind) in entities)
        {
            Admit(entityId, kind, []);
        }

        foreach (var (pattern, entityIds) in snapshot)
        {
            var parsed = TopicPattern.Parse(pattern);
            _index.Declare(parsed);
            foreach (var id in entityIds)
            {
                if (_members.TryGetValue(id, out var member))
                {
                    _index.Add(parsed, member);
                }
            }
        }

        foreach (var step in steps)
        {
            var live = _members.TryGetValue(step.EntityId, out var member);
            switch (step.Kind)
            {
                case IndexStepKind.Change when live:
                    Apply(member!, new SubscriptionChange(step.Pattern!, step.Add));
                    break;
                case IndexStepKind.Change when step.Add:
                    _index.Declare(TopicPattern.Parse(step.Pattern!));
                    break;
                case IndexStepKind.SubscribeFromStart when live && fromStart.TryGetValue(step.EntityId, out var subscriptions):
                    foreach (var subscription in subscriptions)
                    {
                        Apply(member!, subscription);
                    }

                    break;
                case IndexStepKind.Forget when live:
                    _index.RemoveAll(m => ReferenceEquals(m, member));
                    break;
            }
        }
    }

    /// <summary>
    /// Removes an entity. During a tick its outstanding deliveries count as answered with nothing (it stopped), and
    /// the returned step says whether that finished the wave.
    /// </summary>
    public WaveStep Remove(string entityId)
    {
        if (!_members.Remove(entityId, out var member))
        {
            return WaveStep.Waiting;
        }

        _atTickStart = _running ? _atTickStart : null;
        _index.RemoveAll(m => ReferenceEquals(m, member));
        member.Answer ??= EntityAnswer.Quiet(member.Id, member.Checksum);
        return WaveStep.Waiting;
    }

    /// <summary>
    /// Starts routing tick <paramref name="tick"/>: applies the subscription changes made on Tick (already in order),
    /// takes the entities that despawned on Tick out of delivery, then sends wave 0.
    /// </summary>
    /// <param name="tick">The tick.</param>
    /// <param name="wave0">Wave 0 in its final order.</param>
    /// <param name="changes">Subscription changes made on Tick, in entity-id order.</param>
    /// <param name="leaving">Entities that left on Tick (despawned themselves, or too many faults).</param>
    /// <param name="faults">How many faults each entity already had in this tick (on Tick).</param>
    public WaveStep Begin(
        long tick,
        IReadOnlyList<PendingEvent> wave0,
        IReadOnlyList<(string EntityId, SubscriptionChange Change)> changes,
        IReadOnlyList<string> leaving,
        IReadOnlyList<(string EntityId, int Faults)> faults)
    {
        if (_running)
        {
            return new WaveStep.Failed($"tick {tick} cannot start: tick {_tick} is still being routed");
        }

        _running = true;
        _atTickStart = null; // the tick before was stored
        _tick = tick;
        _timestamp = _rules.TimestampOf(tick);
        _wave = 0;
        _sequences.Clear();
        _events.Clear();
        _sources.Clear();
        _origins.Clear();
        _scheduled.Clear();
        _changes.Clear();
        _leaving.Clear();
        foreach (var member in _members.Values)
        {
            member.Faults = 0;
            member.Leaving = false;
        }

        foreach (var (entityId, count) in faults)
        {
            if (_members.TryGetValue(entityId, out var member))
            {
                member.Faults = count;
            }
        }

        foreach (var (entityId, change) in changes)
        {
            if (_members.TryGetValue(entityId, out var member))
            {
                Record(member, change);
            }
        }

        foreach (var entityId in leaving)
        {
            if (_members.TryGetValue(entityId, out var member))
            {
                Leave(member);
                BeforeIndexChange();
                _index.RemoveAll(m => ReferenceEquals(m, member));
            }
        }

        return StartWave(wave0);
    }

    /// <summary>
    /// Takes partition <paramref name="partition"/>'s answers for wave <paramref name="wave"/> of tick
    /// <paramref name="tick"/>; <paramref name="silent"/> names its entities that did not answer in time.
    /// </summary>
    public WaveStep Answer(int partition, long tick, int wave, ImmutableArray<EntityAnswer> answers, ImmutableArray<string> silent)
    {
        if (!_running || tick != _tick || wave != _wave || partition < 0 || partition >= _partitions || !_awaiting[partition])
        {
            return WaveStep.Waiting;
        }

        _awaiting[partition] = false;
        _awaitingCount--;
        foreach (var answer in answers)
        {
            if (_members.TryGetValue(answer.EntityId, out var member) && member.Partition == partition)
            {
                member.Answer = answer;
            }
        }

        if (!silent.IsDefaultOrEmpty)
        {
            _silent.UnionWith(silent);
        }

        return _awaitingCount == 0 ? FinishWave() : WaveStep.Waiting;
    }

    /// <summary>The partitions that have not answered the current wave.</summary>
    public IEnumerable<int> Unanswered() => Enumerable.Range(0, _partitions).Where(p => _awaiting[p]);

    /// <summary>Gives up on the tick being routed (nothing of it is kept; with <see cref="CanRewind"/>, the index is back as the tick found it).</summary>
    public void Abort()
    {
        foreach (var member in _touched)
        {
            member.EndWave();
        }

        if (_atTickStart is { } atStart)
        {
            _index = atStart;
            _atTickStart = null;
        }

        _touched.Clear();
        _answered.Clear();
        _leftInWave.Clear();
        _silent.Clear();
        Array.Clear(_awaiting);
        _awaitingCount = 0;
        _running = false;
    }

    private WaveStep StartWave(IReadOnlyList<PendingEvent> wave)
    {
        if (wave.Count == 0)
        {
            return Finish();
        }

        if (_wave >= _rules.MaxWaves)
        {
            return Fail($"tick {_tick} exceeded eventure.cascade.max-waves ({_rules.MaxWaves}); the cascade is still producing events (last wave starts with '{wave[0].Emission.Type}').");
        }

        if (_events.Count + wave.Count > _rules.MaxEventsPerTick)
        {
            return Fail($"tick {_tick} exceeded eventure.cascade.max-events-per-tick ({_rules.MaxEventsPerTick}) in wave {_wave}.");
        }

        _waveStart = _events.Count;
        if (_subscribers.Length < wave.Count)
        {
            _subscribers = new Member[Math.Max(wave.Count, _subscribers.Length * 2)][];
        }

        var deliveries = 0;
        for (var i = 0; i < wave.Count; i++)
        {
            var pending = wave[i];
            var emission = pending.Emission;
            var e = Event.Create(_tick, _timestamp, emission.Type, emission.Data, NextSequence(emission.Type), emission.ParentId);
            _events.Add(e);
            _sources.Add(pending.Source);
            _origins.Add(pending.Origin);
            if (pending.Source is { } source && _members.TryGetValue(source, out var emitter))
            {
                Touch(emitter);
                (emitter.Own ??= []).Add(e);
            }

            var subscribers = _index.Resolve(e.Type);
            _subscribers[i] = subscribers;
            deliveries += subscribers.Length;
        }

        if (_positions.Length < deliveries)
        {
            _positions = new int[Math.Max(deliveries, _positions.Length * 2)];
        }

        var k = 0;
        for (var i = 0; i < wave.Count; i++)
        {
            var e = _events[_waveStart + i];
            foreach (var member in _subscribers[i])
            {
                Touch(member);
                var batch = member.Deliveries ??= [];
                _positions[k++] = batch.Count;
                batch.Add(e);
            }
        }

        return SendWave();
    }

    private WaveStep SendWave()
    {
        var byPartition = new List<EntityWork>?[_partitions];
        foreach (var member in _touched)
        {
            var own = member.Own is { Count: > 0 } o ? [.. o] : NoEvents;
            var deliveries = member.Deliveries is { Count: > 0 } d ? [.. d] : NoEvents;
            (byPartition[member.Partition] ??= []).Add(new EntityWork(member.Id, own, deliveries));
        }

        var work = ImmutableArray.CreateBuilder<PartitionWork>();
        for (var partition = 0; partition < _partitions; partition++)
        {
            if (byPartition[partition] is { } entities)
            {
                _awaiting[partition] = true;
                _awaitingCount++;
                work.Add(new PartitionWork(partition, [.. entities]));
            }
        }

        return work.Count == 0 ? FinishWave() : new WaveStep.Send(_tick, _wave, work.ToImmutable());
    }

    private WaveStep FinishWave()
    {
        if (_silent.Count > 0)
        {
            var names = string.Join(", ", _silent);
            _silent.Clear();
            return Fail($"tick {_tick}, wave {_wave}: no answer within eventure.tick.timeout ({_rules.TickTimeout}) from entity {names}.");
        }

        var waveLength = _events.Count - _waveStart;
        var next = new List<PendingEvent>();
        var k = 0;
        for (var i = 0; i < waveLength; i++)
        {
            var parent = _events[_waveStart + i];
            foreach (var member in _subscribers[i])
            {
                var unit = _positions[k++];
                if (member.Answer is { } answer && unit < member.DiscardFrom)
                {
                    React(member, answer, unit, parent.Id, next);
                }
            }
        }

        ApplyChanges();
        foreach (var member in _leftInWave)
        {
            BeforeIndexChange();
            _index.RemoveAll(m => ReferenceEquals(m, member));
        }

        _leftInWave.Clear();
        foreach (var member in _touched)
        {
            if (member.Answer is { } answer)
            {
                member.Checksum = answer.Checksum;
                _answered.Add(member);
            }

            member.EndWave();
        }

        _touched.Clear();
        Array.Clear(_subscribers, 0, waveLength);
        _wave++;
        return StartWave(next);
    }

    /// <summary>Places what <paramref name="member"/> did for one delivery into the next wave (or the schedule).</summary>
    private void React(Member member, EntityAnswer answer, int unit, string parentId, List<PendingEvent> next)
    {
        if (answer.FaultOf(unit) is { } fault)
        {
            next.Add(PendingEvent.Runtime(RuntimeEvents.Faulted(member.Id, fault, parentId)));
            member.Faults++;
            if (_rules.MaxFaultsPerTick > 0 && member.Faults >= _rules.MaxFaultsPerTick && !member.Leaving)
            {
                next.Add(PendingEvent.Runtime(RuntimeEvents.Despawned(member.Id, member.Kind, RuntimeEvents.CauseFaults, parentId)));
                member.DiscardFrom = unit + 1;
                LeaveInWave(member);
            }

            return;
        }

        foreach (var emission in answer.EmissionsOf(unit))
        {
            if (emission.AtTick is null)
            {
                next.Add(new PendingEvent(emission, member.Id));
            }
            else
            {
                _scheduled.Add(new PendingEvent(emission, member.Id));
            }
        }

        if (answer.DespawnAfter == unit && !member.Leaving)
        {
            // Journaled right after what the entity published for the same delivery, caused by the same event.
            next.Add(PendingEvent.Runtime(RuntimeEvents.Despawned(member.Id, member.Kind, RuntimeEvents.CauseSelf, parentId)));
            LeaveInWave(member);
        }
    }

    /// <summary>Applies the wave's subscription changes in (entity id, delivery, emit order) order.</summary>
    private void ApplyChanges()
    {
        List<Member>? changed = null;
        foreach (var member in _touched)
        {
            if (member.Answer is { Subscriptions.IsDefaultOrEmpty: false })
            {
                (changed ??= []).Add(member);
            }
        }

        if (changed is null)
        {
            return;
        }

        changed.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        foreach (var member in changed)
        {
            foreach (var change in member.Answer!.Subscriptions)
            {
                if (change.Unit < member.DiscardFrom)
                {
                    Record(member, change.Change);
                }
            }
        }
    }

    private WaveStep.Done Finish()
    {
        _running = false;
        var checksums = _answered.Distinct().Select(m => (m.Id, m.Checksum)).ToImmutableArray();
        _answered.Clear();
        return new WaveStep.Done(new TickRouting(
            _tick,
            [.. _events],
            [.. _sources],
            [.. _origins],
            [.. _scheduled],
            checksums,
            _wave,
            [.. _leaving.Select(m => m.Id).Order(StringComparer.Ordinal)],
            [.. _changes]));
    }

    private WaveStep.Failed Fail(string reason)
    {
        Abort();
        return new WaveStep.Failed(reason);
    }

    /// <summary>Applies a change made during the tick and records it for the tick's row.</summary>
    private void Record(Member member, SubscriptionChange change)
    {
        BeforeIndexChange();
        _changes.Add(new IndexChange(member.Id, change.Pattern, change.Add));
        Apply(member, change);
    }

    private void Apply(Member member, SubscriptionChange change)
    {
        if (change.Add)
        {
            _index.Add(TopicPattern.Parse(change.Pattern), member);
        }
        else
        {
            _index.Remove(change.Pattern, m => ReferenceEquals(m, member));
        }
    }

    /// <summary>With <see cref="CanRewind"/>, keeps the index as the running tick found it, before the tick's first change.</summary>
    private void BeforeIndexChange()
    {
        if (!CanRewind || !_running || _atTickStart is not null)
        {
            return;
        }

        var copy = new SubscriptionIndex<Member>();
        foreach (var (pattern, subscribers) in _index.Patterns)
        {
            copy.Declare(pattern);
            foreach (var subscriber in subscribers)
            {
                copy.Add(pattern, subscriber);
            }
        }

        _atTickStart = copy;
    }

    private void Touch(Member member)
    {
        if (member.Own is not { Count: > 0 } && member.Deliveries is not { Count: > 0 })
        {
            _touched.Add(member);
        }
    }

    private void Leave(Member member)
    {
        member.Leaving = true;
        _leaving.Add(member);
    }

    private void LeaveInWave(Member member)
    {
        Leave(member);
        _leftInWave.Add(member);
    }

    /// <summary>
    /// The next sequence number of <paramref name="type"/>'s id in this tick. Types whose hashes collide share a
    /// counter, as in the core's generator, so ids stay unique; the id text is made only when someone reads it.
    /// </summary>
    private long NextSequence(string type)
    {
        if (!_typeHashes.TryGetValue(type, out var hash))
        {
            hash = EventId.TypeHash(type);
            if (_typeHashes.Count < 16_384)
            {
                _typeHashes[type] = hash;
            }
        }

        ref var sequence = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_sequences, hash, out _);
        return ++sequence;
    }
}
