using System.Runtime.InteropServices;
using Eventure.Internal;

namespace Eventure;

/// <summary>
/// The ordered record of everything that happened: events stamped with the current tick, ids from this
/// log's own counters, and indexes for look-ups by id, tick and parent.
/// </summary>
/// <remarks>
/// <para>The current tick starts at 0 and only moves forward (<see cref="AdvanceTick"/>). Events are kept in
/// insertion order. Look-ups by id, by tick and by parent are O(1) through indexes that are brought up to
/// date on the first query after new events, so appending stays cheap.</para>
/// <para>An <see cref="EventLog"/> has one writer: it is not thread-safe for concurrent writes (the actor
/// runtime gives every simulation's log a single owner). Queries from several threads at once are safe
/// while nobody writes.</para>
/// </remarks>
/// <example>
/// <code>
/// var log = new EventLog();
/// var move = log.AddEvent("player.move", new Dictionary&lt;string, object?&gt; { ["to"] = "hall" });
/// log.AdvanceTick();
/// log.AddEvent("room.enter", new Dictionary&lt;string, object?&gt; { ["room"] = "hall" }, move);
/// log.SaveToFile("game.jsonl");
/// </code>
/// </example>
public sealed partial class EventLog
{
    private static readonly DateTime UnixEpoch = DateTime.UnixEpoch;

    private readonly EventList _events = new();
    private readonly EventIdGenerator _ids = new();
    private readonly TimeProvider _time;
    private readonly Lock _indexLock = new();
    private readonly IdIndex _positions = new();
    private readonly TickIndex _tickIndex = new();
    private readonly Dictionary<string, List<int>> _childIndex = new(StringComparer.Ordinal);
    private int _idsIndexed;
    private int _linksIndexed;

    /// <summary>Creates an empty log at tick 0 whose timestamps come from the system clock.</summary>
    public EventLog()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates an empty log at tick 0 whose timestamps come from <paramref name="time"/>.</summary>
    public EventLog(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>The tick that new events are stamped with.</summary>
    public long CurrentTick { get; private set; }

    /// <summary>All events in insertion order (a live, read-only view).</summary>
    public IReadOnlyList<Event> Events => _events;

    /// <summary>The clock that stamps new events.</summary>
    public TimeProvider Time => _time;

    /// <summary>
    /// Creates an event of <paramref name="type"/> at the current tick, with a new id and the clock's
    /// timestamp, appends it and returns it.
    /// </summary>
    /// <param name="type">The event type; it may not contain <c>*</c>.</param>
    /// <param name="data">The payload, copied and frozen; <see langword="null"/> means empty.</param>
    /// <param name="parentEvent">The event that caused this one, if any.</param>
    /// <exception cref="InvalidEventTypeException">The type contains <c>*</c>.</exception>
    /// <exception cref="EventDataException">A data value is not JSON-like or not finite.</exception>
    public Event AddEvent(string type, IReadOnlyDictionary<string, object?>? data = null, Event? parentEvent = null)
    {
        TopicPattern.ValidateEventType(type, nameof(type));
        var payload = EventData.FromEntries(data, "data");
        var e = Event.Create(CurrentTick, NowSeconds(), type, payload, _ids.NextSequence(CurrentTick, type, out _), parentEvent?.Id);
        _events.Add(e);
        return e;
    }

    /// <summary>
    /// Appends a fully specified event (for example one read from a journal or built by hand). Its id is
    /// recorded so generated ids continue after it, and the current tick rises to its tick if that is later.
    /// </summary>
    /// <exception cref="DuplicateEventIdException">The log already holds an event with this id.</exception>
    public void Append(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        lock (_indexLock)
        {
            CatchUpIndexes();
            var existing = _positions.TryAdd(e, e.IdHash(), _events.Count, _events);
            if (existing >= 0)
            {
                throw new DuplicateEventIdException(e.Id, existing);
            }

            _events.Add(e);
            IndexLinks(_events.Count - 1, e);
            _idsIndexed = _linksIndexed = _events.Count;
        }

        _ids.Observe(e);
        if (e.Tick > CurrentTick)
        {
            CurrentTick = e.Tick;
        }
    }

    /// <summary>Moves to the next tick. Creates no event.</summary>
    public void AdvanceTick() => CurrentTick++;

    /// <summary>Moves forward to <paramref name="tick"/>; the tick never goes backwards.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tick"/> is before the current tick.</exception>
    public void AdvanceToTick(long tick)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tick, CurrentTick);
        CurrentTick = tick;
    }

    /// <summary>The events of <paramref name="tick"/>, in log order (empty when there are none).</summary>
    public IReadOnlyList<Event> GetEventsAtTick(long tick)
    {
        lock (_indexLock)
        {
            CatchUpIndexes();
            var positions = _tickIndex.PositionsOf(tick);
            if (positions.Count == 0)
            {
                return [];
            }

            var result = new Event[positions.Count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = _events[positions[i]];
            }

            return result;
        }
    }

    /// <summary>The event with <paramref name="id"/>, or <see langword="null"/>. O(1).</summary>
    public Event? GetEventById(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var position = PositionOf(id);
        return position < 0 ? null : _events[position];
    }

    /// <summary>
    /// The event with <paramref name="eventId"/> and all its descendants, across ticks: the root first,
    /// then the rest by (tick, position in the log). Unknown ids give an empty list. Cycles are safe and
    /// depth is unlimited.
    /// </summary>
    public IReadOnlyList<Event> GetEventCascade(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var root = PositionOf(eventId);
        if (root < 0)
        {
            return [];
        }

        var descendants = CollectDescendants(root);
        descendants.Sort((a, b) =>
        {
            var byTick = _events[a].Tick.CompareTo(_events[b].Tick);
            return byTick != 0 ? byTick : a.CompareTo(b);
        });

        var result = new Event[descendants.Count + 1];
        result[0] = _events[root];
        for (var i = 0; i < descendants.Count; i++)
        {
            result[i + 1] = _events[descendants[i]];
        }

        return result;
    }

    /// <summary>The events whose tick is at most <paramref name="tick"/>, in log order (<see cref="Copy"/> gives them as a log).</summary>
    public IReadOnlyList<Event> GetEventsUntilTick(long tick)
    {
        var result = new List<Event>();
        foreach (var e in _events)
        {
            if (e.Tick <= tick)
            {
                result.Add(e);
            }
        }

        return result;
    }

    /// <summary>
    /// The log as of <paramref name="untilTick"/>: a new log that the caller owns, holding the events whose tick is at
    /// most <paramref name="untilTick"/> in log order, with <see cref="CurrentTick"/> no later than it (this log's when it
    /// is earlier). Without <paramref name="untilTick"/>, a copy of the whole log. The same "log as of a tick" as
    /// <c>Simulation.GetLogAsync(untilTick)</c> and <c>JournalReader.LoadAsync(..., untilTick)</c> give.
    /// </summary>
    /// <param name="untilTick">The last tick to include, or <see langword="null"/> for every tick.</param>
    public EventLog Copy(long? untilTick = null)
    {
        var last = untilTick ?? long.MaxValue;
        var copy = new EventLog(_time);
        foreach (var e in _events)
        {
            if (e.Tick <= last)
            {
                copy.Append(e);
            }
        }

        copy.AdvanceToTick(Math.Max(copy.CurrentTick, Math.Min(last, CurrentTick)));
        return copy;
    }

    /// <summary>An <see cref="EventQuery"/> over this log (it sees later events too).</summary>
    public EventQuery CreateQuery() => new(this);

    internal Event EventAt(int position) => _events[position];

    internal int Count => _events.Count;

    /// <summary>The log position of <paramref name="id"/>, or -1.</summary>
    internal int PositionOf(string id)
    {
        lock (_indexLock)
        {
            CatchUpIndexes();
            return _positions.Find(id, _events);
        }
    }

    /// <summary>The positions of the direct children of <paramref name="parentId"/>, in log order.</summary>
    internal ReadOnlySpan<int> ChildPositions(string parentId)
    {
        lock (_indexLock)
        {
            CatchUpIndexes();
            return _childIndex.TryGetValue(parentId, out var positions) ? CollectionsMarshal.AsSpan(positions) : [];
        }
    }

    /// <summary>The ticks that have events, ascending.</summary>
    internal long[] TicksAscending()
    {
        lock (_indexLock)
        {
            CatchUpIndexes();
            return _tickIndex.TicksAscending();
        }
    }

    /// <summary>The positions of the events at <paramref name="tick"/>, in log order.</summary>
    internal TickPositions TickPositions(long tick)
    {
        lock (_indexLock)
        {
            CatchUpIndexes();
            return _tickIndex.PositionsOf(tick);
        }
    }

    /// <summary>Breadth-first collection of every descendant position of <paramref name="root"/> (root excluded).</summary>
    internal List<int> CollectDescendants(int root)
    {
        var seen = new HashSet<int> { root };
        var result = new List<int>();
        var queue = new Queue<int>();
        queue.Enqueue(root);
        while (queue.TryDequeue(out var at))
        {
            foreach (var child in ChildPositions(_events[at].Id))
            {
                if (seen.Add(child))
                {
                    result.Add(child);
                    queue.Enqueue(child);
                }
            }
        }

        return result;
    }

    private double NowSeconds() => (_time.GetUtcNow().UtcDateTime - UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;

    /// <summary>Indexes the events appended since the last query. Caller holds <see cref="_indexLock"/>.</summary>
    private void CatchUpIndexes()
    {
        // A load indexes ids as it checks them for duplicates, so the two kinds of index catch up separately.
        for (var i = _idsIndexed; i < _events.Count; i++)
        {
            var e = _events[i];
            _positions.TryAdd(e, e.IdHash(), i, _events);
        }

        for (var i = _linksIndexed; i < _events.Count; i++)
        {
            IndexLinks(i, _events[i]);
        }

        _idsIndexed = _linksIndexed = _events.Count;
    }

    /// <summary>Indexes the tick and the parent link of <paramref name="e"/>.</summary>
    private void IndexLinks(int position, Event e)
    {
        _tickIndex.Add(e.Tick, position);
        if (e.ParentId is not null)
        {
            AddTo(_childIndex, e.ParentId, position);
        }
    }

    private static void AddTo<TKey>(Dictionary<TKey, List<int>> index, TKey key, int position)
        where TKey : notnull
    {
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out _);
        (list ??= []).Add(position);
    }
}
