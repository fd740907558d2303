using System.Collections.Immutable;

namespace Eventure.Actors.Engine;

/// <summary>
/// A simulation's clock as pure code: the population, what waits for the next tick (input and runtime events), the
/// schedule of publishes into later ticks, the tick barrier, wave 0, and the tick checksum. The shell sends what
/// the engine asks for and feeds the answers back in any order; nothing of a tick is kept until it is committed.
/// </summary>
/// <remarks>
/// Tick n: every partition with entities gets a Tick; once all have answered, wave 0 is what waited (input and
/// runtime events, in arrival order), then the publishes scheduled for n (in schedule order), then what entities
/// published on Tick, in entity-id order and emit order (an <c>entity.faulted</c> instead for a handler that threw;
/// an <c>entity.despawned</c> after the publishes of an entity that left). The waves are routed elsewhere (the
/// <see cref="WaveRouter"/>); <see cref="Complete"/> then folds the result into the record to store, and
/// <see cref="Commit"/> applies it once it is stored.
/// </remarks>
internal sealed class TickEngine
{
    private readonly TickRules _rules;
    private readonly List<PendingEvent> _waiting = [];
    private readonly SortedDictionary<long, List<PendingEvent>> _schedule = [];
    private readonly bool[] _awaiting;
    private readonly ImmutableArray<string>[] _sentIds;
    private readonly long[] _sentDigests;
    private readonly SortedSet<string> _silent = new(StringComparer.Ordinal);
    private EntityAnswer?[] _work = [];
    private int _awaitingCount;
    private int _taken;
    private bool _running;
    private ImmutableArray<PendingEvent> _scheduledOnTick = [];

    /// <summary>Creates an engine for a population spread over <paramref name="partitions"/> partitions.</summary>
    public TickEngine(TickRules rules, int partitions)
    {
        _rules = rules;
        Population = new Population(partitions);
        _awaiting = new bool[partitions];
        _sentIds = new ImmutableArray<string>[partitions];
        _sentDigests = new long[partitions];
    }

    /// <summary>The live entities.</summary>
    public Population Population { get; }

    /// <summary>The tick that runs next.</summary>
    public long NextTick { get; private set; }

    /// <summary>Whether a tick is being run.</summary>
    public bool Running => _running;

    /// <summary>Publishes waiting for later ticks, by tick, each list in order.</summary>
    public IEnumerable<(long Tick, IReadOnlyList<PendingEvent> Events)> Schedule =>
        _schedule.Select(entry => (entry.Key, (IReadOnlyList<PendingEvent>)entry.Value));

    /// <summary>What waits for the next tick's wave 0, in arrival order.</summary>
    public IReadOnlyList<PendingEvent> Waiting => _waiting;

    /// <summary>Sets where the clock stands (on resume).</summary>
    public void Restore(long nextTick, IEnumerable<(long Tick, IEnumerable<PendingEvent> Events)> schedule, IEnumerable<PendingEvent> waiting)
    {
        NextTick = nextTick;
        _schedule.Clear();
        foreach (var (tick, events) in schedule)
        {
            foreach (var e in events)
            {
                AddScheduled(tick, e);
            }
        }

        _waiting.Clear();
        _waiting.AddRange(waiting);
    }

    /// <summary>Queues an event for the next tick's wave 0 (input, or a runtime event about the population).</summary>
    public void Enqueue(PendingEvent pending) => _waiting.Add(pending);

    /// <summary>Starts the next tick: the partitions that must be sent a Tick (none means wave 0 is ready at once).</summary>
    public BarrierStep Begin()
    {
        if (_running)
        {
            throw new InvalidOperationException($"Tick {NextTick} is already running.");
        }

        _running = true;
        _taken = _waiting.Count;
        _silent.Clear();
        if (_work.Length != Population.Count)
        {
            _work = new EntityAnswer?[Population.Count];
        }
        var partitions = ImmutableArray.CreateBuilder<int>();
        for (var partition = 0; partition < _awaiting.Length; partition++)
        {
            _awaiting[partition] = Population.MembersOf(partition).Length > 0;
            if (_awaiting[partition])
            {
                partitions.Add(partition);
                _sentIds[partition] = Population.IdsOf(partition);
                _sentDigests[partition] = Population.IdsDigestOf(partition);
            }
        }

        _awaitingCount = partitions.Count;
        foreach (var member in Population.Ordered)
        {
            member.Faults = 0;
            member.Leaving = false;
        }

        return _awaitingCount == 0 ? ComposeWave0() : new BarrierStep.SendTick(NextTick, partitions.ToImmutable());
    }

    /// <summary>
    /// The digest of the ids partition <paramref name="partition"/> is expected to hold on the running Tick (its
    /// <c>PartitionTick.ExpectedIds</c>): it answers without them when it holds exactly those.
    /// </summary>
    public long ExpectedIdsOf(int partition) => _sentDigests[partition];

    /// <summary>
    /// Takes partition <paramref name="partition"/>'s answers to the Tick: every entity's state checksum (in the
    /// order of <paramref name="ids"/>; <c>default</c> for the ids it was expected to hold), the answers that carry
    /// work, and the entities that stayed silent.
    /// </summary>
    public BarrierStep TickAnswered(
        int partition,
        long tick,
        ImmutableArray<string> ids,
        ImmutableArray<long> checksums,
        ImmutableArray<EntityAnswer> work,
        ImmutableArray<string> silent)
    {
        if (!_running || tick != NextTick || partition < 0 || partition >= _awaiting.Length || !_awaiting[partition])
        {
            return BarrierStep.Waiting;
        }

        _awaiting[partition] = false;
        _awaitingCount--;
        if (ids.IsDefault)
        {
            ids = _sentIds[partition];
        }

        var members = Population.Match(partition, ids);
        for (var i = 0; i < ids.Length && i < checksums.Length; i++)
        {
            var member = members is not null ? members[i] : Population.Find(ids[i]);
            if (member is not null)
            {
                member.Checksum = checksums[i];
            }
        }

        var order = Population.Ordered;
        foreach (var answer in work)
        {
            var at = Array.BinarySearch(order, answer.EntityId, MemberIdComparer.Instance);
            if (at >= 0)
            {
                _work[at] = answer;
            }
        }

        if (!silent.IsDefaultOrEmpty)
        {
            _silent.UnionWith(silent);
        }

        return _awaitingCount == 0 ? ComposeWave0() : BarrierStep.Waiting;
    }

    /// <summary>The partitions that have not answered the Tick.</summary>
    public IEnumerable<int> Unanswered() => Enumerable.Range(0, _awaiting.Length).Where(p => _awaiting[p]);

    /// <summary>
    /// Folds what the waves produced into the record to store: the tick's events, their origins, the new
    /// schedule entries, the event digest and the tick checksum (events, then every entity's state in id order).
    /// </summary>
    public TickRecord Complete(TickRouting routing)
    {
        foreach (var (entityId, latest) in routing.Checksums)
        {
            if (Population.Find(entityId) is { } member)
            {
                member.Checksum = latest;
            }
        }

        var digest = TickDigest.Of(routing.Tick, routing.Events);
        var checksum = TickDigest.Checksum(digest, Population.Ordered.Select(m => m.Checksum));
        return new TickRecord(
            routing.Tick,
            routing.Events,
            routing.Sources,
            routing.Origins,
            _scheduledOnTick.AddRange(routing.Scheduled),
            routing.Leaving,
            digest,
            checksum,
            routing.Waves,
            routing.Index);
    }

    /// <summary>Applies a stored tick: consumes what wave 0 took, schedules its publishes into later ticks, and removes the entities that left.</summary>
    public IReadOnlyList<Member> Commit(TickRecord record)
    {
        _waiting.RemoveRange(0, Math.Min(_taken, _waiting.Count));
        _schedule.Remove(record.Tick);
        foreach (var pending in record.Scheduled)
        {
            AddScheduled(pending.Emission.AtTick!.Value, pending);
        }

        var left = new List<Member>(record.Leaving.Length);
        foreach (var entityId in record.Leaving)
        {
            if (Population.Remove(entityId) is { } member)
            {
                left.Add(member);
            }
        }

        NextTick = record.Tick + 1;
        EndTick();
        return left;
    }

    /// <summary>Gives up on the running tick: nothing of it is kept, and it can run again.</summary>
    public void Abort() => EndTick();

    private BarrierStep ComposeWave0()
    {
        if (_silent.Count > 0)
        {
            var names = string.Join(", ", _silent);
            Abort();
            return new BarrierStep.Failed($"tick {NextTick}: no answer to Tick within eventure.tick.timeout ({_rules.TickTimeout}) from entity {names}.");
        }

        var wave0 = new List<PendingEvent>(_taken);
        wave0.AddRange(_waiting.Take(_taken));
        if (_schedule.TryGetValue(NextTick, out var due))
        {
            wave0.AddRange(due.Select(p => p with { Emission = p.Emission with { AtTick = null } }));
        }

        var scheduled = ImmutableArray.CreateBuilder<PendingEvent>();
        var changes = new List<(string, SubscriptionChange)>();
        var leaving = new List<string>();
        var faults = new List<(string, int)>();
        var order = Population.Ordered;
        for (var slot = 0; slot < order.Length; slot++)
        {
            if (_work[slot] is not { } answer)
            {
                continue;
            }

            var member = order[slot];
            if (answer.FaultOf(0) is { } fault)
            {
                wave0.Add(PendingEvent.Runtime(RuntimeEvents.Faulted(member.Id, fault, null)));
                member.Faults++;
                faults.Add((member.Id, member.Faults));
                if (_rules.MaxFaultsPerTick > 0 && member.Faults >= _rules.MaxFaultsPerTick)
                {
                    wave0.Add(PendingEvent.Runtime(RuntimeEvents.Despawned(member.Id, member.Kind, RuntimeEvents.CauseFaults)));
                    member.Leaving = true;
                    leaving.Add(member.Id);
                }

                continue;
            }

            foreach (var emission in answer.EmissionsOf(0))
            {
                if (emission.AtTick is null)
                {
                    wave0.Add(new PendingEvent(emission, member.Id));
                }
                else
                {
                    scheduled.Add(new PendingEvent(emission, member.Id));
                }
            }

            foreach (var change in answer.Subscriptions)
            {
                changes.Add((member.Id, change.Change));
            }

            if (answer.DespawnAfter == 0)
            {
                // Journaled right after the entity's own publishes; it leaves once the tick is stored.
                wave0.Add(PendingEvent.Runtime(RuntimeEvents.Despawned(member.Id, member.Kind, RuntimeEvents.CauseSelf)));
                member.Leaving = true;
                leaving.Add(member.Id);
            }
        }

        _scheduledOnTick = scheduled.ToImmutable();
        return new BarrierStep.Route(NextTick, [.. wave0], [.. changes], [.. leaving], [.. faults]);
    }

    private void AddScheduled(long tick, PendingEvent pending)
    {
        if (!_schedule.TryGetValue(tick, out var list))
        {
            _schedule[tick] = list = [];
        }

        list.Add(pending);
    }

    private void EndTick()
    {
        _running = false;
        _taken = 0;
        Array.Clear(_work);
        _scheduledOnTick = [];
        _silent.Clear();
        Array.Clear(_awaiting);
        _awaitingCount = 0;
    }

    /// <summary>Binary search of the id-ordered population by id.</summary>
    private sealed class MemberIdComparer : System.Collections.IComparer
    {
        public static MemberIdComparer Instance { get; } = new();

        public int Compare(object? x, object? y) => string.CompareOrdinal(IdOf(x), IdOf(y));

        private static string? IdOf(object? value) => value as string ?? (value as Member)?.Id;
    }
}
