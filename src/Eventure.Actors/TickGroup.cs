using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Akka.Actor;

namespace Eventure.Actors;

/// <summary>
/// One contiguous slice of a simulation's population (in entity-id order): sends <see cref="Tick"/> to its
/// entities in that order and collects their acks, so the slices of a large population broadcast and collect in
/// parallel. The <see cref="TickCoordinator"/> owns the clock and waits for every group before it routes a tick.
/// </summary>
/// <remarks>
/// What a group reports carries no arrival order: checksums and acks sit in their entity's slot, and the
/// coordinator reads the slots in entity-id order. An entity that does not answer within
/// <c>eventure.tick.timeout</c> makes the group report the silent entities instead.
/// </remarks>
internal sealed class TickGroup : UntypedActor, IWithTimers
{
    private const string TimeoutTimer = "group-timeout";

    private readonly int _index;
    private readonly TimeSpan _timeout;
    private readonly Dictionary<IActorRef, int> _slotOfActor = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _slotOfId = new(StringComparer.Ordinal);
    private ImmutableArray<IActorRef> _actors = [];
    private ImmutableArray<string> _ids = [];
    private bool[] _acked = [];
    private long[] _checksums = [];
    private TickAck?[]? _work;
    private int _ackCount;
    private long _tick = -1;
    private bool _open;

    /// <summary>Creates the group; use <see cref="Props"/>.</summary>
    public TickGroup(int index, TimeSpan timeout)
    {
        _index = index;
        _timeout = timeout;
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of group <paramref name="index"/>.</summary>
    public static Props Props(int index, TimeSpan timeout) => Akka.Actor.Props.Create(() => new TickGroup(index, timeout));

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case QuietTickAck quiet:
                if (_open && SlotOf(Sender, quiet.EntityId, out var quietSlot))
                {
                    Acknowledge(quietSlot, quiet.Checksum);
                }

                break;
            case TickAck ack:
                OnTickAck(ack);
                break;
            case StartGroupTick start:
                Start(start.Tick);
                break;
            case AssignGroup assign:
                Assign(assign);
                break;
            case GroupMemberGone gone:
                if (_open && gone.Tick == _tick && _slotOfActor.TryGetValue(gone.Actor, out var slot))
                {
                    Acknowledge(slot, checksum: 0);
                }

                break;
            case GroupTimeout timeout when _open && timeout.Tick == _tick:
                _open = false;
                var silent = Enumerable.Range(0, _ids.Length).Where(i => !_acked[i]).Select(i => _ids[i]);
                Context.Parent.Tell(new GroupTimedOut(_tick, _index, [.. silent]));
                break;
            case GroupTimeout:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <inheritdoc />
    protected override void PreRestart(Exception reason, object message)
    {
        // A group that lost its slice cannot finish the tick: the coordinator stops the simulation.
        Context.Parent.Tell(new GroupFailed(_index, $"{reason.GetType().Name}: {reason.Message}"));
        base.PreRestart(reason, message);
    }

    private void Assign(AssignGroup assign)
    {
        _actors = assign.Actors;
        _ids = assign.EntityIds;
        _slotOfActor.Clear();
        _slotOfId.Clear();
        for (var slot = 0; slot < _actors.Length; slot++)
        {
            _slotOfActor[_actors[slot]] = slot;
            _slotOfId[_ids[slot]] = slot;
        }

        _acked = new bool[_actors.Length];
        _open = false;
    }

    private void Start(long tick)
    {
        _tick = tick;
        _open = true;
        _ackCount = 0;
        Array.Clear(_acked);
        _checksums = new long[_actors.Length];
        _work = null;
        if (_actors.IsEmpty)
        {
            Complete();
            return;
        }

        var message = new Tick(tick);
        var self = Self;
        foreach (var actor in _actors)
        {
            actor.Tell(message, self);
        }

        Timers.StartSingleTimer(TimeoutTimer, new GroupTimeout(tick), _timeout);
    }

    private void OnTickAck(TickAck ack)
    {
        if (!_open || ack.TickNumber != _tick || !SlotOf(Sender, ack.EntityId, out var slot) || _acked[slot])
        {
            return;
        }

        (_work ??= new TickAck?[_actors.Length])[slot] = ack;
        Acknowledge(slot, ack.Checksum);
    }

    private bool SlotOf(IActorRef sender, string entityId, out int slot) =>
        (_slotOfActor.TryGetValue(sender, out slot) && _ids[slot] == entityId) || _slotOfId.TryGetValue(entityId, out slot);

    private void Acknowledge(int slot, long checksum)
    {
        if (_acked[slot])
        {
            return;
        }

        _acked[slot] = true;
        _checksums[slot] = checksum;
        if (++_ackCount == _actors.Length)
        {
            Timers.Cancel(TimeoutTimer);
            Complete();
        }
    }

    private void Complete()
    {
        _open = false;
        var work = _work is null ? [] : ImmutableCollectionsMarshal.AsImmutableArray(_work);
        Context.Parent.Tell(new GroupTicked(_tick, _index, ImmutableCollectionsMarshal.AsImmutableArray(_checksums), work));
        _checksums = [];
        _work = null;
    }

    private sealed record GroupTimeout(long Tick) : IEventureMessage;
}
