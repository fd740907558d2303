using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Akka.Actor;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

/// <summary>
/// Hosts the entities whose ids hash to one partition: creates and supervises them, sends each its Tick and its
/// batch of every wave, and answers the coordinator and bus once per tick and once per wave for all of them.
/// </summary>
/// <remarks>
/// An entity that throws answers with what it did up to the fault and is restarted; the partition rebuilds it from
/// its own events (stored ones from the log, plus those of the tick not stored yet) and sends it the rest of its
/// batch, so the engine sees one answer covering the whole batch. An entity that does not answer within
/// <c>eventure.tick.timeout</c> is reported as silent.
/// </remarks>
internal sealed partial class PartitionActor : UntypedActor, IWithTimers
{
    private const string TimeoutTimer = "partition-timeout";
    private static readonly EntityFault StoppedWhileStarting =
        new("ActorInitializationException", "the actor stopped before it was initialized (its constructor or PreStart threw; see the log)");

    private readonly int _index;
    private readonly int _seed;
    private readonly TimeSpan _timeout;
    private readonly IActorRef _log;
    private readonly Dictionary<string, Child> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, Child> _byActor = new(ReferenceEqualityComparer.Instance);
    private readonly EntitySupervision _supervision = new();
    private readonly ReplyAssembler _replies = new();
    private Child[]? _ordered;
    private ImmutableArray<string> _ids = [];
    private long _idsDigest = Population.Digest([]);
    private long _expectedIds;
    private long _requests;
    private int _names;
    private Spawn? _spawn;
    private Collecting? _collecting;

    // The tick or wave being answered (wave -1 = the Tick itself).
    private IActorRef _replyTo = ActorRefs.Nobody;
    private long _tick = -1;
    private long _epoch;
    private int _wave = -1;
    private int _awaiting;
    private bool _open;
    private long[] _checksums = [];
    private bool[] _ticked = [];
    private List<EntityAnswer>? _tickWork;
    private readonly List<Child> _busy = [];

    /// <summary>Creates partition <paramref name="index"/>; use <see cref="Props"/>.</summary>
    public PartitionActor(int index, int seed, TimeSpan timeout, IActorRef log)
    {
        _index = index;
        _seed = seed;
        _timeout = timeout;
        _log = log;
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of partition <paramref name="index"/>.</summary>
    public static Props Props(int index, int seed, TimeSpan timeout, IActorRef log) =>
        Akka.Actor.Props.Create(() => new PartitionActor(index, seed, timeout, log));

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => _supervision;

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case QuietTickAck quiet:
                OnTicked(ChildOf(Sender, quiet.EntityId), quiet.Checksum, null);
                break;
            case BatchAck ack:
                OnBatchAck(Sender, ack);
                break;
            case PartitionWave wave:
                _epoch = wave.Epoch;
                StartWave(wave);
                break;
            case PartitionTick tick:
                _epoch = tick.Epoch;
                _expectedIds = tick.ExpectedIds;
                StartTick(tick.TickNumber);
                break;
            case RewindPartition rewind:
                _rewind = (Sender, rewind.LastStoredTick);
                RewindIfQuiet();
                break;
            case EntityReady ready:
                OnReady(Sender, ready);
                break;
            case EntityRestarted restarted:
                OnRestarted(Sender, restarted);
                break;
            case OwnHistory history:
                OnHistory(history);
                break;
            case ReplyPart part:
                if (_replies.Take(part, Sender, Context.System) is { } whole)
                {
                    OnReceive(whole); // a history read on another node, put together
                }

                break;
            case CreateEntities create:
                Create(create);
                break;
            case CollectStates collect:
                Collect(collect);
                break;
            case EntityStateReport report:
                OnStateReport(report);
                break;
            case RemoveEntities remove:
                Remove(remove.EntityIds);
                break;
            case EntitySupervision.ChildStopped stopped:
                OnChildStopped(stopped.Child);
                break;
            case Timeout timeout when _open && timeout.Tick == _tick && timeout.Wave == _wave:
                Finish(silent: [.. Ordered.Where(c => !IsAnswered(c)).Select(c => c.Id)]);
                break;
            case Timeout:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private Child[] Ordered => _ordered ??= [.. _children.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];

    private void StartTick(long tick)
    {
        if (_ordered is null)
        {
            _ids = [.. Ordered.Select(c => c.Id)];
            _idsDigest = Population.Digest(_ids);
        }

        var ordered = Ordered;
        Begin(tick, -1);
        _checksums = new long[ordered.Length]; // handed over with the answer, so a new one each tick
        if (_ticked.Length != ordered.Length)
        {
            _ticked = new bool[ordered.Length];
        }
        else
        {
            Array.Clear(_ticked);
        }

        _tickWork = null;
        _awaiting = ordered.Length;
        var message = new Tick(tick);
        for (var slot = 0; slot < ordered.Length; slot++)
        {
            var child = ordered[slot];
            child.Slot = slot;
            child.Unstored.Clear();
            child.Job = null;
            child.Actor.Tell(message, Self);
        }

        FinishIfAnswered();
    }

    private void StartWave(PartitionWave wave)
    {
        Begin(wave.TickNumber, wave.Wave);
        _busy.Clear();
        foreach (var work in wave.Entities)
        {
            if (!_children.TryGetValue(work.EntityId, out var child))
            {
                continue;
            }

            child.Unstored.AddRange(work.Own);
            child.Job = new Job(work);
            _busy.Add(child);
            child.Actor.Tell(new EntityBatch(wave.TickNumber, wave.Wave, work.Own, work.Deliveries), Self);
        }

        _awaiting = _busy.Count;
        FinishIfAnswered();
    }

    private void Begin(long tick, int wave)
    {
        _replyTo = Sender;
        _tick = tick;
        _wave = wave;
        _open = true;
        Timers.StartSingleTimer(TimeoutTimer, new Timeout(tick, wave), _timeout);
    }

    /// <summary>The child that sent a message: by actor reference, or (for a reference that is not the one Akka gave out) by id.</summary>
    private Child? ChildOf(IActorRef sender, string entityId) =>
        _byActor.TryGetValue(sender, out var child) || (_children.TryGetValue(entityId, out child) && child.Actor.Equals(sender)) ? child : null;

    private void OnTicked(Child? child, long checksum, EntityAnswer? work)
    {
        if (!_open || _wave >= 0 || child is null || child.Slot >= _ticked.Length || _ticked[child.Slot] || child.Job is not null)
        {
            return;
        }

        _checksums[child.Slot] = checksum;
        if (work is not null && work.HasWork)
        {
            (_tickWork ??= []).Add(work);
        }

        if (work?.Faults.IsDefaultOrEmpty == false)
        {
            // It restarts now: its answer counts once it is rebuilt, with the rebuilt state's checksum.
            child.Job = Job.ForTick(work);
            return;
        }

        _ticked[child.Slot] = true;
        _awaiting--;
        FinishIfAnswered();
    }

    private void OnBatchAck(IActorRef sender, BatchAck ack)
    {
        var child = ChildOf(sender, ack.Answer.EntityId);
        if (ack.Wave < 0)
        {
            if (ack.TickNumber == _tick)
            {
                OnTicked(child, ack.Answer.Checksum, ack.Answer);
            }

            return;
        }

        if (!_open || ack.TickNumber != _tick || ack.Wave != _wave || child?.Job is not { } job)
        {
            return;
        }

        if (job.Take(ack) && job.Complete)
        {
            Done(child);
        }
    }

    private void Done(Child child)
    {
        if (_wave < 0)
        {
            _checksums[child.Slot] = child.Job!.Checksum;
            _ticked[child.Slot] = true;
            child.Job = null;
        }
        else
        {
            child.Job!.Finished = true;
        }

        _awaiting--;
        FinishIfAnswered();
    }

    private void FinishIfAnswered()
    {
        if (_open && _awaiting == 0)
        {
            Finish(silent: []);
        }
    }

    private void Finish(ImmutableArray<string> silent)
    {
        _open = false;
        Timers.Cancel(TimeoutTimer);
        if (_wave < 0)
        {
            var leftOut = _expectedIds != 0 && _expectedIds == _idsDigest;
            _replyTo.Tell(new PartitionTicked(_index, _tick, leftOut ? [] : _ids, ImmutableCollectionsMarshal.AsImmutableArray(_checksums), [.. _tickWork ?? []], silent, _epoch, leftOut), Self);
            RewindIfQuiet();
            return;
        }

        var answers = ImmutableArray.CreateBuilder<EntityAnswer>(_busy.Count);
        foreach (var child in _busy)
        {
            if (child.Job is { Finished: true } job && !child.Gone)
            {
                answers.Add(job.Answer(child.Id));
            }

            child.Job = null;
        }

        _busy.Clear();
        _replyTo.Tell(new PartitionWaveAnswered(_index, _tick, _wave, answers.ToImmutable(), silent, _epoch), Self);
        RewindIfQuiet();
    }

    private bool IsAnswered(Child child) => _wave < 0 ? child.Slot >= _ticked.Length || _ticked[child.Slot] : child.Job is null or { Finished: true };

    private sealed record Timeout(long Tick, int Wave) : IEventureMessage;
}
