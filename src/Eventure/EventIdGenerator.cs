namespace Eventure;

/// <summary>
/// Hands out event ids in the seed format with one sequence counter per (tick, type hash). Each log (or
/// log actor) owns its own generator, so ids never depend on anything else that happened in the process.
/// </summary>
/// <remarks>Not thread-safe: it belongs to the single writer of one log.</remarks>
public sealed class EventIdGenerator
{
    private readonly Dictionary<long, Dictionary<string, long>> _counters = [];
    private readonly Dictionary<string, string> _hashes = new(StringComparer.Ordinal);
    private long _cachedTick = long.MinValue;
    private Dictionary<string, long>? _cachedCounters;

    /// <summary>The next id for an event of <paramref name="eventType"/> at <paramref name="tick"/>.</summary>
    public string Next(long tick, string eventType)
    {
        var sequence = NextSequence(tick, eventType, out var hash);
        return EventId.Format(tick, hash, sequence);
    }

    /// <summary>The sequence number of the next id (see <see cref="Next"/>), without formatting it.</summary>
    internal long NextSequence(long tick, string eventType, out string hash)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        hash = HashOf(eventType);
        var counters = CountersFor(tick);
        ref var sequence = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counters, hash, out _);
        return ++sequence;
    }

    /// <summary>
    /// Records an id that already exists (loaded or appended), so later ids at its tick and hash continue
    /// after it. Ids that are not in the standard format are ignored.
    /// </summary>
    public void Observe(string id)
    {
        if (EventId.TryParse(id, out var tick, out var hash, out var sequence))
        {
            Observe(tick, hash, sequence);
        }
    }

    /// <summary>Records the id of <paramref name="e"/> (see <see cref="Observe(string)"/>), without making compact id text.</summary>
    internal void Observe(Event e)
    {
        if (e.Sequence > 0)
        {
            Observe(e.Tick, HashOf(e.Type), e.Sequence);
        }
        else
        {
            Observe(e.Id);
        }
    }

    /// <summary>Records every id <paramref name="other"/> has seen or handed out (loading merges per-chunk generators).</summary>
    internal void Merge(EventIdGenerator other)
    {
        foreach (var (tick, counters) in other._counters)
        {
            foreach (var (hash, sequence) in counters)
            {
                Observe(tick, hash, sequence);
            }
        }
    }

    private void Observe(long tick, string hash, long sequence)
    {
        var counters = CountersFor(tick);
        if (!counters.TryGetValue(hash, out var current) || current < sequence)
        {
            counters[hash] = sequence;
        }
    }

    private string HashOf(string eventType)
    {
        if (!_hashes.TryGetValue(eventType, out var hash))
        {
            hash = EventId.TypeHash(eventType);
            _hashes[eventType] = hash;
        }

        return hash;
    }

    private Dictionary<string, long> CountersFor(long tick)
    {
        if (tick == _cachedTick && _cachedCounters is not null)
        {
            return _cachedCounters;
        }

        if (!_counters.TryGetValue(tick, out var counters))
        {
            counters = new Dictionary<string, long>(StringComparer.Ordinal);
            _counters[tick] = counters;
        }

        _cachedTick = tick;
        _cachedCounters = counters;
        return counters;
    }
}
