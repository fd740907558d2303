using System.Runtime.InteropServices;

namespace Eventure.Internal;

/// <summary>
/// The log positions of each tick's events. Events usually arrive tick by tick, so a tick's positions are one
/// contiguous run, kept as its first position and count (no list per tick); a tick whose events are not
/// contiguous (hand-appended or loaded out of order) switches to a list of positions.
/// </summary>
internal sealed class TickIndex
{
    private readonly Dictionary<long, Entry> _ticks = [];

    /// <summary>The ticks that have events, ascending.</summary>
    public long[] TicksAscending()
    {
        var ticks = _ticks.Keys.ToArray();
        Array.Sort(ticks);
        return ticks;
    }

    public void Add(long tick, int position)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_ticks, tick, out var exists);
        if (!exists)
        {
            entry = new Entry(position, 1, null);
        }
        else if (entry.Scattered is { } scattered)
        {
            scattered.Add(position);
        }
        else if (position == entry.First + entry.Count)
        {
            entry = entry with { Count = entry.Count + 1 };
        }
        else
        {
            var positions = new List<int>(entry.Count + 1);
            for (var i = 0; i < entry.Count; i++)
            {
                positions.Add(entry.First + i);
            }

            positions.Add(position);
            entry = entry with { Scattered = positions };
        }
    }

    /// <summary>The positions of <paramref name="tick"/>'s events, in log order (empty when there are none).</summary>
    public TickPositions PositionsOf(long tick) =>
        _ticks.TryGetValue(tick, out var entry) ? new TickPositions(entry.First, entry.Count, entry.Scattered) : default;

    private readonly record struct Entry(int First, int Count, List<int>? Scattered);
}

/// <summary>The log positions of one tick: a contiguous run, or a list.</summary>
internal readonly struct TickPositions(int first, int count, List<int>? scattered)
{
    public int Count => scattered?.Count ?? count;

    public int this[int index] => scattered is null ? first + index : scattered[index];

    public Enumerator GetEnumerator() => new(this);

    /// <summary>Enumerates the positions without allocating.</summary>
    public struct Enumerator(TickPositions positions)
    {
        private int _index = -1;

        public readonly int Current => positions[_index];

        public bool MoveNext() => ++_index < positions.Count;
    }
}
