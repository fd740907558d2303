using System.Collections.Immutable;
using System.Text;
using Eventure.Actors.Engine;

namespace Eventure.Actors.Tests.Engine;

/// <summary>
/// Drives the pure engine (<see cref="TickEngine"/> and <see cref="WaveRouter"/>) with a model population and no
/// actors: every entity's decisions are a hash of the seed, its id, what it handles and its state, so the only things
/// that vary between two runs are what the engine must not depend on: the partition count and the order in which
/// answers arrive.
/// </summary>
internal sealed class EngineHarness
{
    private readonly int _seed;
    private readonly int _faultPercent;
    private readonly Random _arrival;
    private readonly TickEngine _engine;
    private readonly WaveRouter _router;
    private readonly Dictionary<string, long> _state = new(StringComparer.Ordinal);
    private readonly Random? _aborts;
    private readonly bool _leaveOutIds;

    /// <summary>Creates a harness.</summary>
    /// <param name="seed">What the model's decisions derive from.</param>
    /// <param name="partitions">How many partitions the engine spreads the population over.</param>
    /// <param name="arrivalSeed">Shuffles the order in which answers reach the engine.</param>
    /// <param name="faultPercent">How often a handler throws, in percent.</param>
    /// <param name="rules">The rules; defaults to generous limits and 5 faults per tick.</param>
    /// <param name="abortSeed">When set, ticks are abandoned at random points (at the barrier or after some wave) and run
    /// again, as a cluster does when it loses a partition: the model's state goes back to the tick's start.</param>
    /// <param name="rewind">Whether the router keeps what it needs to run an aborted tick again.</param>
    /// <param name="leaveOutIds">Whether a partition leaves its ids out of its Tick answer when they are the ones expected.</param>
    public EngineHarness(int seed, int partitions, int arrivalSeed, int faultPercent = 5, TickRules? rules = null, int? abortSeed = null, bool rewind = true, bool leaveOutIds = false)
    {
        _leaveOutIds = leaveOutIds;
        _aborts = abortSeed is { } a ? new Random(a) : null;
        _seed = seed;
        _faultPercent = faultPercent;
        _arrival = new Random(arrivalSeed);
        rules ??= new TickRules(100, 100_000, 5, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        _engine = new TickEngine(rules, partitions);
        _router = new WaveRouter(rules, partitions) { CanRewind = rewind };
    }

    /// <summary>How many Tick answers left their ids out.</summary>
    public int IdsLeftOut { get; private set; }

    /// <summary>Spawns <paramref name="count"/> model entities (journaled in the next tick).</summary>
    public void Spawn(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = $"m-{(i * 7919) % 1000:D3}";
            var h = Hash(id, "spawn");
            var patterns = ImmutableArray.CreateBuilder<SubscriptionChange>();
            patterns.Add(new SubscriptionChange($"{Color(h)}.*", true));
            patterns.Add(new SubscriptionChange($"*.{Verb(h >> 8)}", true));
            if (h % 5 == 0)
            {
                patterns.Add(new SubscriptionChange("*", true));
            }

            _engine.Population.Add(id, "model");
            _router.Admit(id, "model", patterns.ToImmutable());
            _state[id] = 0;
            _engine.Enqueue(PendingEvent.Runtime(RuntimeEvents.Spawned(id, "model", _seed)));
        }
    }

    /// <summary>Queues an input for the next tick.</summary>
    public void Input(string type) =>
        _engine.Enqueue(PendingEvent.Input(new Emission(type, EventData.From(new Dictionary<string, object?> { ["d"] = 0L }), null, null)));

    /// <summary>Runs <paramref name="ticks"/> ticks and returns what each stored, as canonical text.</summary>
    public IReadOnlyList<string> Run(int ticks)
    {
        var records = new List<string>();
        for (var t = 0; t < ticks; t++)
        {
            var record = RunTick();
            records.Add(Describe(record));
            foreach (var member in _engine.Commit(record))
            {
                _router.Remove(member.Id);
                _state.Remove(member.Id);
            }
        }

        return records;
    }

    private TickRecord RunTick()
    {
        while (_aborts?.Next(3) == 0)
        {
            // Abandon the tick after a random number of steps, then put the model back as a rebuild from the journal would.
            var atStart = new Dictionary<string, long>(_state, StringComparer.Ordinal);
            RunTick(abortAfter: _aborts.Next(4));
            _engine.Abort();
            _router.Abort();
            _state.Clear();
            foreach (var (id, value) in atStart)
            {
                _state[id] = value;
            }
        }

        return RunTick(abortAfter: int.MaxValue)!;
    }

    /// <summary>Runs the next tick; after <paramref name="abortAfter"/> waves it stops and returns null.</summary>
    private TickRecord? RunTick(int abortAfter)
    {
        var step = _engine.Begin();
        if (step is BarrierStep.SendTick send)
        {
            var answers = send.Partitions.Select(p => TickAnswers(send.Tick, p)).ToList();
            Shuffle(answers);
            foreach (var answer in answers)
            {
                var leaveOut = _leaveOutIds && Population.Digest(answer.EntityIds) == _engine.ExpectedIdsOf(answer.Partition);
                IdsLeftOut += leaveOut ? 1 : 0;
                step = _engine.TickAnswered(answer.Partition, answer.TickNumber, leaveOut ? default : answer.EntityIds, answer.Checksums, answer.Work, answer.Silent);
            }
        }

        var route = Assert.IsType<BarrierStep.Route>(step);
        if (abortAfter == 0)
        {
            return null;
        }

        var wave = _router.Begin(route.Tick, route.Wave0, route.Changes, route.Leaving, route.Faults);
        while (wave is WaveStep.Send batch)
        {
            if (batch.Wave >= abortAfter)
            {
                return null;
            }

            var answered = batch.Work.Select(work => (work.Partition, Answers: work.Entities.Select(e => Handle(batch.Tick, e)).ToList())).ToList();
            Shuffle(answered);
            foreach (var (partition, answers) in answered)
            {
                Shuffle(answers);
                wave = _router.Answer(partition, batch.Tick, batch.Wave, [.. answers], []);
            }
        }

        return _engine.Complete(Assert.IsType<WaveStep.Done>(wave).Routing);
    }

    private PartitionTicked TickAnswers(long tick, int partition)
    {
        var members = _engine.Population.MembersOf(partition);
        var work = new List<EntityAnswer>();
        var checksums = new long[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var id = members[i].Id;
            var h = Hash(id, "tick", tick.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if ((int)(h % 100) < _faultPercent)
            {
                work.Add(new EntityAnswer(id, 0, [], [], [], [new UnitFault(0, new EntityFault("ModelFault", $"{id} at tick {tick}"))]));
                continue;
            }

            var emissions = new List<Emission>();
            var changes = new List<UnitChange>();
            if (h % 100 < 40)
            {
                emissions.Add(Say(id, h >> 8, depth: 0, parent: null));
            }

            if ((h >> 12) % 100 < 10)
            {
                emissions.Add(new Emission("later.x", EventData.From(new Dictionary<string, object?> { ["by"] = id }), null, tick + 1 + (long)((h >> 16) % 3)));
            }

            if ((h >> 20) % 40 == 0)
            {
                changes.Add(new UnitChange(0, new SubscriptionChange("later.*", true)));
            }

            var despawn = (h >> 28) % 150 == 0 ? 0 : -1;
            checksums[i] = _state[id];
            work.Add(new EntityAnswer(id, _state[id], [.. emissions], emissions.Count > 0 ? [emissions.Count] : [], [.. changes], [], despawn));
        }

        Shuffle(work);
        return new PartitionTicked(partition, tick, [.. members.Select(m => m.Id)], [.. checksums], [.. work.Where(w => w.HasWork)], []);
    }

    private EntityAnswer Handle(long tick, EntityWork work)
    {
        var id = work.EntityId;
        var state = _state[id] += work.Own.Length;
        var emissions = new List<Emission>();
        var ends = new List<int>();
        var changes = new List<UnitChange>();
        var faults = new List<UnitFault>();
        var despawnAfter = -1;
        for (var unit = 0; unit < work.Deliveries.Length; unit++)
        {
            var e = work.Deliveries[unit];
            var h = Hash(id, e.Id, state.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if ((int)(h % 100) < _faultPercent)
            {
                faults.Add(new UnitFault(unit, new EntityFault("ModelFault", $"{id} on {e.Id}")));
            }
            else
            {
                var depth = e.Data.TryGetValue("d", out var d) && d is long value ? value : 3;
                if (depth < 3 && (h >> 8) % 100 < 30)
                {
                    emissions.Add(Say(id, h >> 16, depth + 1, e.Id));
                }

                if ((h >> 24) % 60 == 0)
                {
                    changes.Add(new UnitChange(unit, new SubscriptionChange($"{Color(h >> 32)}.*", (h >> 40) % 2 == 0)));
                }

                if (despawnAfter < 0 && (h >> 44) % 400 == 0)
                {
                    despawnAfter = unit;
                }
            }

            ends.Add(emissions.Count);
        }

        return new EntityAnswer(id, state, [.. emissions], emissions.Count > 0 ? [.. ends] : [], [.. changes], [.. faults], despawnAfter);
    }

    private static Emission Say(string id, ulong h, long depth, string? parent) =>
        new($"{Color(h)}.{Verb(h >> 4)}", EventData.From(new Dictionary<string, object?> { ["by"] = id, ["d"] = depth }), parent, null);

    private static string Color(ulong h) => (h % 4) switch { 0 => "red", 1 => "green", 2 => "blue", _ => "amber" };

    private static string Verb(ulong h) => (h % 3) switch { 0 => "ping", 1 => "pong", _ => "poke" };

    private static string Describe(TickRecord record)
    {
        var text = new StringBuilder();
        text.Append("tick ").Append(record.Tick).Append(" checksum ").Append(record.Checksum).Append(" digest ").Append(record.Digest).AppendLine();
        for (var i = 0; i < record.Events.Length; i++)
        {
            text.Append(record.Origins[i]).Append(' ').Append(record.Sources[i] ?? "-").Append(' ').AppendLine(record.Events[i].ToJson());
        }

        foreach (var scheduled in record.Scheduled)
        {
            text.Append("scheduled ").Append(scheduled.Emission.AtTick).Append(' ').Append(scheduled.Source).Append(' ').AppendLine(scheduled.Emission.Type);
        }

        text.Append("leaving ").AppendJoin(',', record.Leaving).AppendLine();
        return text.ToString();
    }

    private ulong Hash(string id, string what, string key = "") =>
        StableSeed.Mix(StableSeed.Mix(StableSeed.Mix(StableSeed.Mix(StableSeed.Start, (ulong)_seed), id), what), key);

    private void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _arrival.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
