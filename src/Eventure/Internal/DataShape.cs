using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;

namespace Eventure.Internal;

/// <summary>
/// The keys of a payload, in order, with the kind of each value: everything about an <see cref="EventData"/>
/// except the values themselves. Shapes are interned process-wide (<see cref="DataShapes"/>), so the millions
/// of events of one type share one shape and one copy of each key, whichever log or actor built them.
/// </summary>
/// <remarks>
/// A shape with at most one number and at most one reference is <see cref="IsInline"/>: its event data keeps
/// both values in its own fields. Any other shape keeps one <see cref="DataSlot"/> per key in an array.
/// </remarks>
internal sealed class DataShape
{
    private const int LinearSearchLimit = 8;

    private readonly string[] _keys;
    private readonly DataKind[] _kinds;
    private readonly Dictionary<string, int>? _index;
    private ReadOnlyCollection<string>? _keyView;
    private byte[][]? _jsonKeys;

    public DataShape(string[] keys, DataKind[] kinds, int hash)
    {
        _keys = keys;
        _kinds = kinds;
        Hash = hash;
        var numbers = 0;
        var references = 0;
        foreach (var kind in kinds)
        {
            numbers += kind.IsNumber() ? 1 : 0;
            references += kind.IsReference() ? 1 : 0;
        }

        IsInline = numbers <= 1 && references <= 1;
        if (keys.Length > LinearSearchLimit)
        {
            _index = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                _index.TryAdd(keys[i], i);
            }
        }
    }

    /// <summary>The shape of the empty payload.</summary>
    public static DataShape Empty { get; } = new([], [], 0);

    public int Count => _keys.Length;

    /// <summary>At most one number and one reference: the values live in the event data's own fields.</summary>
    public bool IsInline { get; }

    /// <summary>The content hash (<see cref="DataShapes.HashOf"/>), kept for the intern table.</summary>
    public int Hash { get; }

    /// <summary>The next shape in the intern table's bucket (written under its lock).</summary>
    public DataShape? Next { get; set; }

    public ReadOnlySpan<string> Keys => _keys;

    public ReadOnlySpan<DataKind> Kinds => _kinds;

    /// <summary>A read-only view of the keys, created once per shape.</summary>
    public IReadOnlyList<string> KeyView => _keyView ??= Array.AsReadOnly(_keys);

    public string KeyAt(int slot) => _keys[slot];

    /// <summary>
    /// Each key as the JSON writer puts it before its value, encoded once per shape: <c>{"key": </c> for the first
    /// slot, <c>, "key": </c> for the others.
    /// </summary>
    public byte[][] JsonKeys => _jsonKeys ??= JsonLineWriter.EncodeKeys(_keys);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DataKind KindAt(int slot) => _kinds[slot];

    /// <summary>The kind of <paramref name="slot"/>, or <see cref="DataKinds.None"/> for -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DataKind KindOrNone(int slot) => (uint)slot < (uint)_kinds.Length ? _kinds[slot] : DataKinds.None;

    /// <summary>The slot of <paramref name="key"/>, or -1.</summary>
    /// <remarks>
    /// Keys are interned, and callers usually pass a literal or a key read from an event, so a first pass
    /// compares references only; the ordinal comparison runs when that finds nothing.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(string key)
    {
        var keys = _keys;
        for (var i = 0; i < keys.Length; i++)
        {
            if ((object)keys[i] == key)
            {
                return i;
            }
        }

        return IndexOfByValue(key);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int IndexOfByValue(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var at) ? at : -1;
        }

        var keys = _keys;
        for (var i = 0; i < keys.Length; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether this shape has exactly these keys (ordinal) and kinds, in this order.</summary>
    public bool Matches(ReadOnlySpan<string> keys, ReadOnlySpan<DataKind> kinds)
    {
        if (keys.Length != _keys.Length || !kinds.SequenceEqual(_kinds))
        {
            return false;
        }

        for (var i = 0; i < keys.Length; i++)
        {
            if (!string.Equals(keys[i], _keys[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
