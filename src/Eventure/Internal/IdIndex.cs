using System.Numerics;

namespace Eventure.Internal;

/// <summary>
/// The log's index from event id to log position: an open-addressing table of (id hash, position) pairs,
/// 8 bytes a slot, that finds the event itself in the log to confirm a match. It needs no id strings, so
/// events whose ids are kept compactly (<see cref="Event.Sequence"/>) stay compact when indexed.
/// </summary>
/// <remarks>
/// Hashes are the ordinal string hash of the id text (randomized per process, so a file of crafted ids cannot
/// force collisions). Linear probing over a power-of-two table filled to at most 7/8; entries are never removed
/// (the log only grows). The first event with an id keeps it.
/// </remarks>
internal sealed class IdIndex
{
    private const int MinCapacity = 16;

    // (hash << 32) | (position + 1); 0 marks an empty slot.
    private long[] _slots = new long[MinCapacity];
    private int _count;

    public int Count => _count;

    /// <summary>The ordinal hash of an id text, as <see cref="Event.IdHash"/> computes it.</summary>
    public static int Hash(ReadOnlySpan<char> id) => string.GetHashCode(id);

    /// <summary>The position of the event with <paramref name="id"/> in <paramref name="events"/>, or -1.</summary>
    public int Find(string id, EventList events)
    {
        var hash = Hash(id);
        var mask = _slots.Length - 1;
        for (var at = hash & mask; ; at = (at + 1) & mask)
        {
            var slot = _slots[at];
            if (slot == 0)
            {
                return -1;
            }

            var position = (int)slot - 1;
            if ((int)(slot >> 32) == hash && events[position].IdEquals(id))
            {
                return position;
            }
        }
    }

    /// <summary>
    /// Indexes <paramref name="e"/> at <paramref name="position"/>, its id hashing to <paramref name="hash"/>; returns
    /// -1, or the position of an earlier event in <paramref name="events"/> with the same id (then nothing changes).
    /// </summary>
    public int TryAdd(Event e, int hash, int position, EventList events)
    {
        if (_count + 1 > _slots.Length - (_slots.Length >> 3))
        {
            Grow();
        }

        var mask = _slots.Length - 1;
        var at = hash & mask;
        for (; ; at = (at + 1) & mask)
        {
            var slot = _slots[at];
            if (slot == 0)
            {
                break;
            }

            var existing = (int)slot - 1;
            if ((int)(slot >> 32) == hash && events[existing].IdEquals(e))
            {
                return existing;
            }
        }

        _slots[at] = ((long)hash << 32) | (uint)(position + 1);
        _count++;
        return -1;
    }

    /// <summary>
    /// Indexes every event of <paramref name="events"/> (whose ids hash to <paramref name="hashes"/>; null entries are
    /// skipped) into an empty index, and returns the positions whose id an earlier event already has, with that
    /// earlier position, ordered by position.
    /// </summary>
    /// <remarks>
    /// The events are inserted grouped by the region of the table their hash lands in (a stable counting sort, so
    /// each group keeps log order and the first event with an id still wins): each group's inserts then stay in
    /// one small part of the table, which stays in cache, instead of jumping across all of it.
    /// </remarks>
    public List<(int Position, int First)> AddAll(EventList events, ReadOnlySpan<int> hashes)
    {
        EnsureCapacity(events.Count);
        const int Regions = 64;
        var shift = BitOperations.Log2((uint)_slots.Length) - BitOperations.Log2(Regions);
        var mask = _slots.Length - 1;
        Span<int> starts = stackalloc int[Regions + 1];
        starts.Clear();
        foreach (var hash in hashes)
        {
            starts[((hash & mask) >> Math.Max(shift, 0)) + 1]++;
        }

        for (var r = 1; r <= Regions; r++)
        {
            starts[r] += starts[r - 1];
        }

        var order = new int[hashes.Length];
        for (var position = 0; position < hashes.Length; position++)
        {
            order[starts[(hashes[position] & mask) >> Math.Max(shift, 0)]++] = position;
        }

        var duplicates = new List<(int Position, int First)>();
        foreach (var position in order)
        {
            var e = events[position];
            if (e is not null && TryAdd(e, hashes[position], position, events) is var first and >= 0)
            {
                duplicates.Add((position, first));
            }
        }

        duplicates.Sort();
        return duplicates;
    }

    /// <summary>Room for <paramref name="count"/> entries without growing.</summary>
    public void EnsureCapacity(int count)
    {
        var wanted = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinCapacity, count + (count / 7) + 1));
        if (wanted > _slots.Length)
        {
            Rehash(wanted);
        }
    }

    private void Grow() => Rehash(_slots.Length * 2);

    private void Rehash(int capacity)
    {
        var old = _slots;
        _slots = new long[capacity];
        var mask = capacity - 1;
        foreach (var slot in old)
        {
            if (slot == 0)
            {
                continue;
            }

            var at = (int)(slot >> 32) & mask;
            while (_slots[at] != 0)
            {
                at = (at + 1) & mask;
            }

            _slots[at] = slot;
        }
    }
}
