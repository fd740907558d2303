using System.Collections.Immutable;
using Akka.Actor;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

/// <summary>How an entity handles its work (a Tick, or a wave's batch of deliveries) and answers it.</summary>
public abstract partial class SimulationEntity
{
    private static readonly EntityFault LostReply =
        new("DeferredReplyLost", "the entity restarted after a fault in a later delivery of the same batch before this deferred reply was completed");

    private readonly IActorRef _self;
    private readonly List<Emission> _emissions = [];
    private readonly List<UnitChange> _changes = [];

    // The work being handled: one Tick (one unit) or one batch (one unit per delivery). Units are numbered from the
    // batch's offset; what a unit published sits in _emissions between its start and its end.
    private readonly Work _work = new();
    private bool _handling;
    private int _unit;
    private Event? _delivered;
    private Reply? _open;
    private int _despawnUnit = -1;
    private QuietTickAck? _quietAck;
    private EntityBatch? _batch;

    internal static void EmitFromDeferred(Reply reply, string type, IReadOnlyDictionary<string, object?>? data, Event? parent, long? atTick)
    {
        TopicPattern.ValidateEventType(type, nameof(type));
        if (atTick is { } at)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(at, reply.Tick, nameof(atTick));
        }

        var emission = new Emission(type, EventData.From(data), parent?.Id ?? reply.DefaultParentId, atTick);
        reply.Emissions.Add(emission);
        reply.Owner.Emitted(emission, reply.Unit);
    }

    internal void CompleteDeferred(Reply reply)
    {
        if (reply.Closed || reply.Generation != _work.Generation || !_work.Active)
        {
            return;
        }

        reply.Completed = true;
        reply.Closed = true;
        _work.OpenReplies--;
        FinishIfDone();
    }

    /// <summary>Work begins: every publish so far has come back with its id (or was dropped).</summary>
    private protected virtual void WorkStarted()
    {
    }

    /// <summary>The entity published <paramref name="emission"/> while handling <paramref name="unit"/>.</summary>
    private protected virtual void Emitted(Emission emission, int unit)
    {
    }

    /// <summary>The handler of <paramref name="unit"/> threw: what it published is rolled back.</summary>
    private protected virtual void RolledBack(int unit)
    {
    }

    private void HandleTick(long tick, IActorRef replyTo)
    {
        _batch = null;

        // A Tick starts the entity's part of a tick: the random stream is derived anew, also when an aborted tick runs
        // again (a cluster lost a partition) after this entity drew from it.
        BeginTick(tick);
        _random = null;
        WorkStarted();
        _work.Begin(replyTo, tick, -1, 0, 1);
        RunUnit(0, null);
        FinishIfDone();
    }

    private void HandleBatch(EntityBatch batch, IActorRef replyTo)
    {
        _batch = batch;
        BeginTick(batch.TickNumber);
        foreach (var e in batch.Own)
        {
            Apply(e);
        }

        if (batch.Offset == 0)
        {
            // A continuation after a restart keeps what the batch published before the fault.
            WorkStarted();
        }

        _work.Begin(replyTo, batch.TickNumber, batch.Wave, batch.Offset, batch.Deliveries.Length);
        for (var i = 0; i < batch.Deliveries.Length; i++)
        {
            RunUnit(batch.Offset + i, batch.Deliveries[i]);
        }

        FinishIfDone();
    }

    /// <summary>Runs <see cref="OnEvent"/> for <paramref name="delivered"/>, or <see cref="OnTick"/> when it is null.</summary>
    private void RunUnit(int unit, Event? delivered)
    {
        var work = _work;
        _handling = true;
        _unit = unit;
        _delivered = delivered;
        work.UnitStart = _emissions.Count;
        try
        {
            if (delivered is null)
            {
                OnTick(_tick);
            }
            else
            {
                OnEvent(delivered);
            }
        }
        catch (Exception ex)
        {
            // The faulted unit is rolled back and answered at once, with everything handled before it; the entity then
            // restarts and the partition sends the units after it again. Replies still open are lost with this instance.
            _emissions.RemoveRange(work.UnitStart, _emissions.Count - work.UnitStart);
            RolledBack(unit);
            _changes.RemoveAll(c => c.Unit == unit);
            if (_despawnUnit == unit)
            {
                _despawnUnit = -1;
            }

            _open = null;
            work.Fault = new UnitFault(unit - work.Offset, new EntityFault(ex.GetType().Name, ex.Message));
            work.End(unit, _emissions.Count);
            foreach (var reply in work.Replies)
            {
                reply.Closed = true;
            }

            Answer(work, unit - work.Offset + 1, checksum: 0);
            throw;
        }
        finally
        {
            _handling = false;
            _delivered = null;
        }

        work.End(unit, _emissions.Count);
        _open = null;
    }

    /// <summary>The deliveries of the batch being handled after the unit that <paramref name="fault"/> ended, if any.</summary>
    private EntityBatch? RestAfter(UnitFault fault) =>
        _batch is { } batch && fault.Unit + 1 < batch.Deliveries.Length
            ? new EntityBatch(batch.TickNumber, batch.Wave, [], batch.Deliveries[(fault.Unit + 1)..], batch.Offset + fault.Unit + 1)
            : null;

    private void FinishIfDone()
    {
        if (_work.Active && _work.OpenReplies == 0 && _work.Handled == _work.Count)
        {
            Answer(_work, _work.Count, StateChecksum());
        }
    }

    private void Emit(string type, IReadOnlyDictionary<string, object?>? data, Event? parent, long? atTick)
    {
        TopicPattern.ValidateEventType(type, nameof(type));
        if (!_handling)
        {
            throw new InvalidOperationException("Publish can only be called while handling a tick or an event (use DeferReply for later publishes).");
        }

        var emission = new Emission(type, EventData.From(data), parent?.Id ?? _delivered?.Id, atTick);
        (_open?.Emissions ?? _emissions).Add(emission);
        Emitted(emission, _unit);
    }

    private void AddChange(SubscriptionChange change) => _changes.Add(new UnitChange(_handling ? _unit : -1, change));

    /// <summary>Sends what units 0 to <paramref name="count"/> - 1 of <paramref name="work"/> did, and ends the work.</summary>
    private void Answer(Work work, int count, long checksum)
    {
        work.Active = false;
        var quiet = _emissions.Count == 0 && _changes.Count == 0 && work.Fault is null && _despawnUnit < 0 && work.Replies.Count == 0;
        if (quiet && work.Wave < 0)
        {
            // Nothing to report on a Tick but the state: the last quiet ack is reused while the checksum stays the same.
            if (_quietAck is not { } ack || ack.Checksum != checksum)
            {
                _quietAck = ack = new QuietTickAck(EntityId, checksum);
            }

            work.ReplyTo.Tell(ack, _self);
            return;
        }

        var answer = quiet ? EntityAnswer.Quiet(EntityId, checksum) : Collect(work, count, checksum);
        _emissions.Clear();
        _changes.Clear();
        _despawnUnit = -1;
        work.ReplyTo.Tell(new BatchAck(work.Tick, work.Wave, work.Offset, count, answer), _self);
    }

    private EntityAnswer Collect(Work work, int count, long checksum)
    {
        var emissions = ImmutableArray.CreateBuilder<Emission>(_emissions.Count);
        var ends = ImmutableArray.CreateBuilder<int>(count);
        var faults = ImmutableArray.CreateBuilder<UnitFault>();
        var despawnAfter = _despawnUnit < 0 ? -1 : _despawnUnit - work.Offset;
        for (var unit = 0; unit < count; unit++)
        {
            var reply = work.Replies.Count == 0 ? null : work.Replies.Find(r => r.Unit - work.Offset == unit);
            if (reply is null || work.Fault?.Unit == unit)
            {
                emissions.AddRange(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_emissions)[work.StartOf(unit)..work.EndOf(unit)]);
            }
            else if (!reply.Completed)
            {
                faults.Add(new UnitFault(unit, LostReply));
            }
            else
            {
                emissions.AddRange(reply.Emissions);
                if (reply.Despawn && (despawnAfter < 0 || unit < despawnAfter))
                {
                    despawnAfter = unit;
                }
            }

            ends.Add(emissions.Count);
        }

        if (work.Fault is { } last)
        {
            faults.Add(last);
        }

        var changes = _changes.Select(c => new UnitChange(Math.Max(0, c.Unit - work.Offset), c.Change)).ToImmutableArray();
        return new EntityAnswer(EntityId, checksum, emissions.Count == 0 ? [] : emissions.ToImmutable(), emissions.Count == 0 ? [] : ends.ToImmutable(), changes, faults.ToImmutable(), despawnAfter);
    }

    /// <summary>The work being handled. One instance per entity, reused: a quiet tick allocates nothing.</summary>
    private sealed class Work
    {
        private int[] _ends = new int[1];

        public bool Active { get; set; }

        public int Generation { get; private set; }

        public IActorRef ReplyTo { get; private set; } = ActorRefs.Nobody;

        public long Tick { get; private set; }

        public int Wave { get; private set; }

        public int Offset { get; private set; }

        public int Count { get; private set; }

        public int Handled { get; private set; }

        public int UnitStart { get; set; }

        public int OpenReplies { get; set; }

        public UnitFault? Fault { get; set; }

        public List<Reply> Replies { get; } = [];

        public void Begin(IActorRef replyTo, long tick, int wave, int offset, int count)
        {
            Active = true;
            Generation++;
            ReplyTo = replyTo;
            Tick = tick;
            Wave = wave;
            Offset = offset;
            Count = count;
            Handled = 0;
            UnitStart = 0;
            OpenReplies = 0;
            Fault = null;
            Replies.Clear();
            if (_ends.Length < count)
            {
                _ends = new int[Math.Max(count, _ends.Length * 2)];
            }
        }

        /// <summary>Unit <paramref name="unit"/> is handled; its inline emissions end at <paramref name="emissionEnd"/>.</summary>
        public void End(int unit, int emissionEnd)
        {
            _ends[unit - Offset] = emissionEnd;
            Handled = unit - Offset + 1;
        }

        public int StartOf(int relative) => relative == 0 ? 0 : _ends[relative - 1];

        public int EndOf(int relative) => _ends[relative];
    }

    /// <summary>A reply kept open by <see cref="DeferReply"/>: which unit of which work, and what was published for it.</summary>
    internal sealed class Reply(SimulationEntity owner, int generation, int unit, long tick, string? defaultParentId)
    {
        public SimulationEntity Owner { get; } = owner;

        public int Generation { get; } = generation;

        public int Unit { get; } = unit;

        public long Tick { get; } = tick;

        public string? DefaultParentId { get; } = defaultParentId;

        public List<Emission> Emissions { get; } = [];

        public bool Despawn { get; set; }

        /// <summary>Completed while its work was live: its emissions count.</summary>
        public bool Completed { get; set; }

        /// <summary>No further Complete is accepted (completed, or lost with a faulted instance).</summary>
        public bool Closed { get; set; }
    }
}
