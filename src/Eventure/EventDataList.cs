using System.Collections;
using Eventure.Internal;

namespace Eventure;

/// <summary>
/// An immutable sequence inside <see cref="EventData"/>: the normalized form of any list or array value.
/// </summary>
public sealed class EventDataList : IReadOnlyList<object?>, IEquatable<EventDataList>
{
    private readonly object?[] _items;

    internal EventDataList(object?[] items)
    {
        _items = items;
    }

    /// <summary>The empty list.</summary>
    public static EventDataList Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public object? this[int index] => _items[index];

    /// <summary>Builds a deep, normalized, read-only copy of <paramref name="items"/>.</summary>
    /// <exception cref="EventDataException">An item is not JSON-like, or a number is not finite.</exception>
    public static EventDataList From(IEnumerable<object?>? items) =>
        items is null ? Empty : (EventDataList)DataValue.Normalize(items, "data", "list")!;

    /// <inheritdoc />
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(EventDataList? other) => DataValue.DeepEquals(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EventDataList other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => DataValue.DeepHash(new TypedValue(DataKind.List, 0, this));

    /// <summary>Renders the list as Python renders one, e.g. <c>[1, 'a']</c>.</summary>
    public override string ToString() => DataValue.Repr(this);
}
