using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Eventure.Internal;

/// <summary>
/// The log's events in order: a growable array that is also the read-only view <see cref="EventLog.Events"/>
/// hands out. Its enumerator reads the array directly, so a fold over a log costs little more than a loop
/// over an array; like <see cref="List{T}"/>'s, it fails if the log grows during the enumeration.
/// </summary>
/// <remarks>
/// It also implements <see cref="IList{T}"/> read-only, as <see cref="System.Collections.ObjectModel.ReadOnlyCollection{T}"/>
/// did, so LINQ keeps its shortcuts (<c>Count()</c>, <c>ElementAt</c>, <c>ToArray</c>).
/// </remarks>
internal sealed class EventList : IReadOnlyList<Event>, IList<Event>
{
    private Event[] _items = [];
    private int _count;
    private int _version;

    public int Count => _count;

    public Event this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return _items[index];
        }
    }

    /// <summary>The events, without a copy (valid until the next <see cref="Add"/>).</summary>
    public ReadOnlySpan<Event> AsSpan() => _items.AsSpan(0, _count);

    /// <summary>The backing array, without a copy: its first <see cref="Count"/> items are the events (valid until the next <see cref="Add"/>).</summary>
    public Event[] Items => _items;

    public void Add(Event e)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(16, _items.Length * 2));
        }

        _items[_count++] = e;
        _version++;
    }

    /// <summary>Room for <paramref name="capacity"/> events without growing.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > _items.Length)
        {
            Array.Resize(ref _items, capacity);
        }
    }

    /// <summary>Replaces the event at <paramref name="index"/> (the loader fills in events whose id it generated last).</summary>
    public void Replace(int index, Event e) => _items[index] = e;

    bool ICollection<Event>.IsReadOnly => true;

    Event IList<Event>.this[int index]
    {
        get => this[index];
        set => throw ReadOnly();
    }

    public int IndexOf(Event item) => Array.IndexOf(_items, item, 0, _count);

    public bool Contains(Event item) => IndexOf(item) >= 0;

    public void CopyTo(Event[] array, int arrayIndex) => Array.Copy(_items, 0, array, arrayIndex, _count);

    void ICollection<Event>.Add(Event item) => throw ReadOnly();

    void ICollection<Event>.Clear() => throw ReadOnly();

    bool ICollection<Event>.Remove(Event item) => throw ReadOnly();

    void IList<Event>.Insert(int index, Event item) => throw ReadOnly();

    void IList<Event>.RemoveAt(int index) => throw ReadOnly();

    public IEnumerator<Event> GetEnumerator() => new Enumerator(this);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static NotSupportedException ReadOnly() => new("The events of a log are read-only; add events through the log.");

    /// <summary>
    /// Asks the processor for the event <see cref="PrefetchDistance"/> places ahead (and so, usually, for the payload
    /// allocated just before it). A fold that does real work per event (a dictionary update) keeps the processor
    /// from looking far enough ahead by itself, and then waits on memory for every event: measured on the flat
    /// 200k log, this takes the replay fold from about 15 to about 10 ns per event. An address made stale by the
    /// garbage collector only costs a useless prefetch, which never faults.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(Event e) => Sse.Prefetch0((void*)Unsafe.As<Event, nint>(ref e));

    private const int PrefetchDistance = 16;

    private sealed class Enumerator(EventList list) : IEnumerator<Event>
    {
        private readonly int _version = list._version;
        private readonly Event[] _items = list._items;
        private readonly int _count = list._count;
        private int _index = -1;

        public Event Current => _items[_index];

        object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_version != list._version)
            {
                throw new InvalidOperationException("The event log changed during the enumeration.");
            }

            var index = ++_index;
            if (Sse.IsSupported && index + PrefetchDistance < _count)
            {
                Prefetch(_items[index + PrefetchDistance]);
            }

            return index < _count;
        }

        public void Reset() => _index = -1;

        public void Dispose()
        {
        }
    }
}
