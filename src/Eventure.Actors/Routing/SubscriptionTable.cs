namespace Eventure.Actors.Routing;

/// <summary>
/// The bus's subscriptions, resolved in the core <see cref="EventBus"/>'s dispatch order: phase (exact,
/// prefix, suffix, global), then the order each pattern was first subscribed, then subscription order.
/// Registration order is deterministic because the runtime applies changes at wave boundaries in
/// (entity id, emit order) order, never in arrival order.
/// </summary>
internal sealed class SubscriptionTable
{
    private readonly List<(string Pattern, List<Registration> Registrations)> _patterns = [];
    private readonly Dictionary<string, Registration[]> _resolved = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public void Add(Registration registration)
    {
        var entry = _patterns.Find(p => string.Equals(p.Pattern, registration.Pattern.Text, StringComparison.Ordinal));
        if (entry.Registrations is null)
        {
            entry = (registration.Pattern.Text, []);
            _patterns.Add(entry);
        }

        entry.Registrations.Add(registration);
        Count++;
        _resolved.Clear();
    }

    /// <summary>Removes the first subscription of <paramref name="entityId"/> to <paramref name="pattern"/>.</summary>
    public bool Remove(string entityId, string pattern)
    {
        foreach (var (text, registrations) in _patterns)
        {
            if (!string.Equals(text, pattern, StringComparison.Ordinal))
            {
                continue;
            }

            var at = registrations.FindIndex(r => string.Equals(r.EntityId, entityId, StringComparison.Ordinal));
            if (at < 0)
            {
                return false;
            }

            registrations.RemoveAt(at);
            Count--;
            _resolved.Clear();
            return true;
        }

        return false;
    }

    /// <summary>Removes every subscription of <paramref name="entityId"/>.</summary>
    public int RemoveEntity(string entityId)
    {
        var removed = 0;
        foreach (var (_, registrations) in _patterns)
        {
            removed += registrations.RemoveAll(r => string.Equals(r.EntityId, entityId, StringComparison.Ordinal));
        }

        Count -= removed;
        if (removed > 0)
        {
            _resolved.Clear();
        }

        return removed;
    }

    /// <summary>The subscriptions that receive <paramref name="eventType"/>, in dispatch order (index = rank).</summary>
    public Registration[] Resolve(string eventType)
    {
        if (_resolved.TryGetValue(eventType, out var cached))
        {
            return cached;
        }

        var result = new List<Registration>();
        for (var phase = TopicPatternKind.Exact; phase <= TopicPatternKind.Global; phase++)
        {
            foreach (var (_, registrations) in _patterns)
            {
                if (registrations.Count > 0 && registrations[0].Pattern.Kind == phase && registrations[0].Pattern.Matches(eventType))
                {
                    result.AddRange(registrations);
                }
            }
        }

        cached = [.. result];
        _resolved[eventType] = cached;
        return cached;
    }
}
