using Eventure.Internal;

namespace Eventure;

/// <summary>
/// Questions about a log: by type, by data, by tick, parents and children, cascades and roots, and the
/// cascade viewer that prints them.
/// </summary>
/// <remarks>
/// A query reads the log live, so it sees events added after it was created. Look-ups use the log's
/// indexes: children, roots and printing are linear in what they return, not quadratic in the log.
/// </remarks>
/// <example>
/// <code>
/// var query = log.CreateQuery();
/// foreach (var root in query.GetRootEvents())
/// {
///     Console.WriteLine($"{root.Id}: {query.GetCascadeEvents(root).Count} events");
/// }
/// query.PrintEventCascade();
/// </code>
/// </example>
public sealed class EventQuery
{
    private readonly EventLog _log;

    /// <summary>Creates a query over <paramref name="log"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    public EventQuery(EventLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
    }

    /// <summary>The events of exactly <paramref name="type"/>, in log order.</summary>
    public IReadOnlyList<Event> GetEventsByType(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Filter(e => string.Equals(e.Type, type, StringComparison.Ordinal));
    }

    /// <summary>
    /// The events whose data has <paramref name="key"/> with a value equal to <paramref name="value"/>, in
    /// log order. Values compare as JSON values: numbers by value (<c>1</c> equals <c>1.0</c>), a boolean
    /// never equals a number, <see langword="null"/> matches only an explicit null, lists element by element.
    /// </summary>
    public IReadOnlyList<Event> GetEventsByData(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var wanted = DataValue.Classify(value, "query", key);
        return Filter(e => e.Data.TryGetTypedValue(key, out var actual) && DataValue.ValueEquals(actual, wanted));
    }

    /// <summary>The direct children of <paramref name="parent"/> from all ticks, in log order.</summary>
    public IReadOnlyList<Event> GetChildEvents(Event parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var positions = _log.ChildPositions(parent.Id);
        var result = new Event[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            result[i] = _log.EventAt(positions[i]);
        }

        return result;
    }

    /// <summary>
    /// <paramref name="root"/> and all its descendants, breadth first: the root, its children in log order,
    /// then their children. Each event appears once, even in a cycle. The root is included even when it is
    /// not in the log.
    /// </summary>
    public IReadOnlyList<Event> GetCascadeEvents(Event root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var result = new List<Event> { root };
        var position = _log.PositionOf(root.Id);
        var seen = new HashSet<int>();
        if (position >= 0)
        {
            seen.Add(position);
        }

        var queue = new Queue<string>();
        queue.Enqueue(root.Id);
        while (queue.TryDequeue(out var id))
        {
            foreach (var child in _log.ChildPositions(id))
            {
                if (seen.Add(child))
                {
                    var e = _log.EventAt(child);
                    result.Add(e);
                    queue.Enqueue(e.Id);
                }
            }
        }

        return result;
    }

    /// <summary>How many events there are of each type, with the types in order of first appearance.</summary>
    public IReadOnlyDictionary<string, int> CountEventsByType()
    {
        var counts = new OrderedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in _log.Events)
        {
            counts.TryGetValue(e.Type, out var n);
            counts[e.Type] = n + 1;
        }

        return new System.Collections.ObjectModel.ReadOnlyDictionary<string, int>(counts);
    }

    /// <summary>The events of <paramref name="tick"/>, in log order.</summary>
    public IReadOnlyList<Event> GetEventsAtTick(long tick) => _log.GetEventsAtTick(tick);

    /// <summary>
    /// The root events, of one tick or of all ticks. An event is a root unless its parent is in the log at
    /// the same tick (so a parent in another tick, or a missing parent, makes a root; events in a same-tick
    /// parent cycle are not roots). Ticks come in ascending order; within a tick, roots are ordered by
    /// timestamp, then log position.
    /// </summary>
    public IReadOnlyList<Event> GetRootEvents(long? tick = null)
    {
        var result = new List<Event>();
        if (tick is { } only)
        {
            AddRoots(only, result);
        }
        else
        {
            foreach (var t in _log.TicksAscending())
            {
                AddRoots(t, result);
            }
        }

        return result;
    }

    /// <summary>Prints the cascade viewer for the whole log, tick by tick, in the exact layout of the original.</summary>
    /// <param name="output">Where to write; <see langword="null"/> means <see cref="Console.Out"/> at the time of the call.</param>
    /// <param name="showData">Whether to print each event's data.</param>
    public void PrintEventCascade(TextWriter? output = null, bool showData = true) =>
        new CascadePrinter(_log, output ?? Console.Out, showData).PrintViewer();

    /// <summary>Prints the viewer's box for one tick: the tick's roots and their trees, in the original's layout.</summary>
    /// <param name="tick">The tick.</param>
    /// <param name="output">Where to write; <see langword="null"/> means <see cref="Console.Out"/>.</param>
    /// <param name="showData">Whether to print each event's data.</param>
    public void PrintTickCascade(long tick, TextWriter? output = null, bool showData = true) =>
        new CascadePrinter(_log, output ?? Console.Out, showData).PrintTick(tick);

    /// <summary>Prints the tree of <paramref name="root"/>: its same-tick descendants and its trigger lines.</summary>
    /// <param name="root">The event at the top of the tree.</param>
    /// <param name="output">Where to write; <see langword="null"/> means <see cref="Console.Out"/>.</param>
    /// <param name="showData">Whether to print each event's data.</param>
    public void PrintSingleCascade(Event root, TextWriter? output = null, bool showData = true)
    {
        ArgumentNullException.ThrowIfNull(root);
        new CascadePrinter(_log, output ?? Console.Out, showData).PrintTree(root);
    }

    /// <summary>Prints one event: marker, type, id and data (no children, no trigger line).</summary>
    /// <param name="e">The event.</param>
    /// <param name="output">Where to write; <see langword="null"/> means <see cref="Console.Out"/>.</param>
    /// <param name="showData">Whether to print the event's data.</param>
    public void PrintEventDetails(Event e, TextWriter? output = null, bool showData = true)
    {
        ArgumentNullException.ThrowIfNull(e);
        new CascadePrinter(_log, output ?? Console.Out, showData).PrintDetails(e);
    }

    /// <summary>Whether <paramref name="e"/> is a root under the rule of <see cref="GetRootEvents"/>.</summary>
    internal bool IsRoot(Event e)
    {
        if (e.ParentId is null)
        {
            return true;
        }

        var parent = _log.GetEventById(e.ParentId);
        return parent is null || parent.Tick != e.Tick;
    }

    private void AddRoots(long tick, List<Event> result)
    {
        var start = result.Count;
        foreach (var position in _log.TickPositions(tick))
        {
            var e = _log.EventAt(position);
            if (IsRoot(e))
            {
                result.Add(e);
            }
        }

        SortByTimestamp(result, start);
    }

    /// <summary>Stable sort by timestamp of <paramref name="events"/> from <paramref name="start"/> on (log order breaks ties).</summary>
    internal static void SortByTimestamp(List<Event> events, int start)
    {
        var count = events.Count - start;
        if (count < 2)
        {
            return;
        }

        var keys = new (double Timestamp, int Order)[count];
        var items = new Event[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = events[start + i];
            keys[i] = (items[i].Timestamp, i);
        }

        Array.Sort(keys, items);
        for (var i = 0; i < count; i++)
        {
            events[start + i] = items[i];
        }
    }

    private Event[] Filter(Func<Event, bool> predicate)
    {
        var result = new List<Event>();
        foreach (var e in _log.Events)
        {
            if (predicate(e))
            {
                result.Add(e);
            }
        }

        return [.. result];
    }
}
