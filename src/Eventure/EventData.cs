using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Eventure.Internal;

namespace Eventure;

/// <summary>
/// The immutable, ordered payload of an <see cref="Event"/>: string keys mapped to JSON-like values.
/// </summary>
/// <remarks>
/// <para>Values are normalized when the payload is built: every integer type becomes <see cref="long"/>, every
/// floating-point type becomes <see cref="double"/> (non-finite values are rejected), nested maps become
/// <see cref="EventData"/> and nested sequences become <see cref="EventDataList"/>. Key order is kept as
/// given. Equality is deep and follows JSON value semantics: numbers compare by value (<c>1</c> equals
/// <c>1.0</c>), a boolean never equals a number, maps compare regardless of key order.</para>
/// <para>The payload is stored compactly: the keys and the kind of each value form a shape that is shared
/// process-wide by every payload with the same keys and kinds, and numbers are kept as unboxed 64-bit values.
/// The typed accessors (<see cref="GetInt64"/>, <see cref="GetDouble"/>, <see cref="GetString"/> and their
/// <c>TryGet</c> forms) read a value without allocating; the dictionary view boxes numbers on each read
/// (integers from -128 to 1023 and booleans share cached boxes).</para>
/// </remarks>
/// <example>
/// <code>
/// var data = EventData.From(new Dictionary&lt;string, object?&gt; { ["hp"] = 10, ["name"] = "orc" });
/// long hp = data.GetInt64("hp");          // typed, no allocation
/// object? boxed = data["hp"];             // the dictionary view: (long)10
/// </code>
/// </example>
public sealed class EventData : IReadOnlyDictionary<string, object?>, IEquatable<EventData>
{
    private readonly DataShape _shape;

    // An inline shape keeps its one number here; other shapes leave it 0.
    private readonly long _bits;

    // An inline shape keeps its one string, map or list here; other shapes keep their DataSlot[] here.
    private readonly object? _reference;

    internal EventData(DataShape shape, long bits, object? reference)
    {
        _shape = shape;
        _bits = bits;
        _reference = reference;
    }

    /// <summary>The empty payload.</summary>
    public static EventData Empty { get; } = new(DataShape.Empty, 0, null);

    /// <inheritdoc />
    public int Count => _shape.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _shape.KeyView;

    /// <inheritdoc />
    public IEnumerable<object?> Values
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return ValueAt(i).Box();
            }
        }
    }

    /// <inheritdoc />
    public object? this[string key] =>
        TryGetValue(key, out var value) ? value : throw Missing(key);

    internal DataShape Shape => _shape;

    /// <summary>
    /// Builds a deep, normalized, read-only copy of <paramref name="source"/>, keeping its key order.
    /// An <see cref="EventData"/> is returned as it is, because it is already immutable.
    /// </summary>
    /// <param name="source">The entries to copy; <see langword="null"/> gives <see cref="Empty"/>.</param>
    /// <exception cref="EventDataException">A value is not JSON-like, or a number is not finite.</exception>
    public static EventData From(IEnumerable<KeyValuePair<string, object?>>? source) => FromEntries(source, "data");

    internal static EventData FromEntries(IEnumerable<KeyValuePair<string, object?>>? source, string path)
    {
        switch (source)
        {
            case null:
                return Empty;
            case EventData data:
                return data;
            case Dictionary<string, object?> dictionary:
                {
                    if (dictionary.Count == 0)
                    {
                        return Empty;
                    }

                    var builder = default(EventDataBuilder);
                    foreach (var (key, value) in dictionary)
                    {
                        builder.Add(key, DataValue.Classify(value, path, key));
                    }

                    return builder.Build(mayRepeatKeys: false);
                }

            default:
                {
                    var builder = default(EventDataBuilder);
                    foreach (var (key, value) in source)
                    {
                        if (key is null)
                        {
                            throw new EventDataException($"Event data at '{path}' has a null key.");
                        }

                        builder.Add(key, DataValue.Classify(value, path, key));
                    }

                    return builder.Build(mayRepeatKeys: true);
                }
        }
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => _shape.IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var at = _shape.IndexOf(key);
        if (at < 0)
        {
            value = null;
            return false;
        }

        value = ValueAt(at).Box();
        return true;
    }

    /// <summary>The integer at <paramref name="key"/>, without boxing.</summary>
    /// <exception cref="KeyNotFoundException">The payload has no such key.</exception>
    /// <exception cref="InvalidCastException">The value is not an integer (a float is not truncated).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long GetInt64(string key)
    {
        var shape = _shape;
        var at = shape.IndexOf(key);
        if (shape.KindOrNone(at) != DataKind.Int64)
        {
            ThrowMismatch(key, at, "an integer");
        }

        return shape.IsInline ? _bits : Unsafe.As<DataSlot[]>(_reference!)[at].Bits;
    }

    /// <summary>The number at <paramref name="key"/> as a double, without boxing; integers are converted.</summary>
    /// <exception cref="KeyNotFoundException">The payload has no such key.</exception>
    /// <exception cref="InvalidCastException">The value is not a number.</exception>
    public double GetDouble(string key)
    {
        if (!TryGetDouble(key, out var value))
        {
            ThrowMismatch(key, _shape.IndexOf(key), "a number");
        }

        return value;
    }

    /// <summary>The string at <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The payload has no such key.</exception>
    /// <exception cref="InvalidCastException">The value is not a string (null included).</exception>
    public string GetString(string key)
    {
        if (!TryGetString(key, out var value))
        {
            ThrowMismatch(key, _shape.IndexOf(key), "a string");
        }

        return value;
    }

    /// <summary>Reads the integer at <paramref name="key"/>; <see langword="false"/> when the key is missing or holds anything else.</summary>
    public bool TryGetInt64(string key, out long value)
    {
        var at = _shape.IndexOf(key);
        if (_shape.KindOrNone(at) != DataKind.Int64)
        {
            value = 0;
            return false;
        }

        value = BitsAt(at);
        return true;
    }

    /// <summary>
    /// Reads the number at <paramref name="key"/> as a double (integers are converted); <see langword="false"/>
    /// when the key is missing or holds anything but a number.
    /// </summary>
    public bool TryGetDouble(string key, out double value)
    {
        var at = _shape.IndexOf(key);
        var kind = _shape.KindOrNone(at);
        value = kind switch
        {
            DataKind.Int64 => BitsAt(at),
            DataKind.Double => BitConverter.Int64BitsToDouble(BitsAt(at)),
            _ => 0,
        };
        return kind.IsNumber();
    }

    /// <summary>Reads the string at <paramref name="key"/>; <see langword="false"/> when the key is missing or holds anything else.</summary>
    public bool TryGetString(string key, [NotNullWhen(true)] out string? value)
    {
        var at = _shape.IndexOf(key);
        value = _shape.KindOrNone(at) == DataKind.String ? (string)ReferenceAt(at)! : null;
        return value is not null;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new(_shape.KeyAt(i), ValueAt(i).Box());
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The key of slot <paramref name="slot"/> (key order).</summary>
    internal string KeyAt(int slot) => _shape.KeyAt(slot);

    /// <summary>The value of slot <paramref name="slot"/>, unboxed.</summary>
    internal TypedValue ValueAt(int slot)
    {
        var kind = _shape.KindAt(slot);
        return kind.IsNumber() ? new(kind, BitsAt(slot), null)
            : kind.IsReference() ? new(kind, 0, ReferenceAt(slot))
            : new(kind, 0, null);
    }

    /// <summary>The value at <paramref name="key"/>, unboxed.</summary>
    internal bool TryGetTypedValue(string key, out TypedValue value)
    {
        var at = _shape.IndexOf(key);
        value = at < 0 ? default : ValueAt(at);
        return at >= 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long BitsAt(int slot) => _shape.IsInline ? _bits : Unsafe.As<DataSlot[]>(_reference!)[slot].Bits;

    private object? ReferenceAt(int slot) => _shape.IsInline ? _reference : Unsafe.As<DataSlot[]>(_reference!)[slot].Reference;

    /// <inheritdoc />
    public bool Equals(EventData? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count)
        {
            return false;
        }

        var sameShape = ReferenceEquals(_shape, other._shape);
        for (var i = 0; i < Count; i++)
        {
            var at = sameShape ? i : other._shape.IndexOf(_shape.KeyAt(i));
            if (at < 0 || !DataValue.ValueEquals(ValueAt(i), other.ValueAt(at)))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EventData other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => DataValue.DeepHash(new TypedValue(DataKind.Map, 0, this));

    /// <summary>Renders the payload as Python renders a dict, e.g. <c>{'hp': 10, 'name': 'orc'}</c>.</summary>
    public override string ToString() => DataValue.Repr(new TypedValue(DataKind.Map, 0, this));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowMismatch(string key, int at, string wanted) =>
        throw (at < 0
            ? Missing(key)
            : new InvalidCastException($"The event data value at '{key}' is {_shape.KindAt(at).Describe()}, not {wanted}."));

    private static KeyNotFoundException Missing(string key) => new($"The event data has no key '{key}'.");
}
