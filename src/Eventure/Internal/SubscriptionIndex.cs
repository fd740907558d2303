using System.Runtime.InteropServices;

namespace Eventure.Internal;

/// <summary>
/// The one dispatch order of Eventure, shared by the in-process <see cref="EventBus"/> and the actor runtime's
/// wave routing: the subscribers of an event type, by phase (exact, prefix, suffix, global), then by the order
/// each pattern was first subscribed, then by subscription order within a pattern.
/// </summary>
/// <typeparam name="T">What a subscription delivers to (a handler, an entity).</typeparam>
/// <remarks>
/// A pattern keeps its place once it was first subscribed, even while no one subscribes to it, so subscribing to
/// it again later does not move it behind younger patterns (the original library behaves the same).
/// <see cref="Resolve"/> caches one array per event type until the next change; callers must not mutate it.
/// </remarks>
internal sealed class SubscriptionIndex<T>
    where T : class
{
    private const int MaxCachedTypes = 16_384;

    private readonly List<Entry> _patterns = [];
    private readonly Dictionary<string, Entry> _byPattern = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T[]> _resolved = new(StringComparer.Ordinal);
    private Entry[]? _phaseOrder;

    /// <summary>How many subscriptions there are.</summary>
    public int Count { get; private set; }

    /// <summary>Every pattern ever subscribed, in first-subscribed order, with its subscribers in order.</summary>
    public IEnumerable<(TopicPattern Pattern, IReadOnlyList<T> Subscribers)> Patterns =>
        _patterns.Select(p => (p.Pattern, (IReadOnlyList<T>)p.Subscribers));

    /// <summary>Adds a subscription of <paramref name="subscriber"/> to <paramref name="pattern"/> (after the existing ones).</summary>
    public void Add(TopicPattern pattern, T subscriber)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(subscriber);
        EntryFor(pattern).Subscribers.Add(subscriber);
        Count++;
        Changed();
    }

    /// <summary>Makes <paramref name="pattern"/> known (in first-subscribed order) without subscribing anyone.</summary>
    public void Declare(TopicPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        EntryFor(pattern);
    }

    /// <summary>Removes the first subscription to <paramref name="pattern"/> whose subscriber satisfies <paramref name="match"/>.</summary>
    public bool Remove(string pattern, Func<T, bool> match)
    {
        if (!_byPattern.TryGetValue(pattern, out var entry))
        {
            return false;
        }

        var at = entry.Subscribers.FindIndex(s => match(s));
        if (at < 0)
        {
            return false;
        }

        entry.Subscribers.RemoveAt(at);
        Count--;
        Changed();
        return true;
    }

    /// <summary>Removes every subscription whose subscriber satisfies <paramref name="match"/>; returns how many.</summary>
    public int RemoveAll(Func<T, bool> match)
    {
        var removed = 0;
        foreach (var entry in _patterns)
        {
            removed += entry.Subscribers.RemoveAll(s => match(s));
        }

        if (removed > 0)
        {
            Count -= removed;
            Changed();
        }

        return removed;
    }

    /// <summary>The subscribers that receive <paramref name="eventType"/>, in dispatch order (index = rank).</summary>
    public T[] Resolve(string eventType)
    {
        if (_resolved.TryGetValue(eventType, out var cached))
        {
            return cached;
        }

        _phaseOrder ??= [.. _patterns.Where(p => p.Subscribers.Count > 0).OrderBy(p => p.Pattern.Kind)];
        var count = 0;
        foreach (var entry in _phaseOrder)
        {
            if (entry.Pattern.Matches(eventType))
            {
                count += entry.Subscribers.Count;
            }
        }

        var result = count == 0 ? [] : new T[count];
        var at = 0;
        foreach (var entry in _phaseOrder)
        {
            if (entry.Pattern.Matches(eventType))
            {
                CollectionsMarshal.AsSpan(entry.Subscribers).CopyTo(result.AsSpan(at));
                at += entry.Subscribers.Count;
            }
        }

        if (_resolved.Count < MaxCachedTypes)
        {
            _resolved[eventType] = result;
        }

        return result;
    }

    private Entry EntryFor(TopicPattern pattern)
    {
        if (!_byPattern.TryGetValue(pattern.Text, out var entry))
        {
            entry = new Entry(pattern);
            _byPattern.Add(pattern.Text, entry);
            _patterns.Add(entry);
        }

        return entry;
    }

    private void Changed()
    {
        _resolved.Clear();
        _phaseOrder = null;
    }

    private sealed class Entry(TopicPattern pattern)
    {
        public TopicPattern Pattern { get; } = pattern;

        public List<T> Subscribers { get; } = [];
    }
}
