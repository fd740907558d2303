using System.Runtime.CompilerServices;

namespace Eventure.Internal;

/// <summary>
/// One event data value without a box: its kind, the 64 bits of a number, or the reference of a string, map
/// or list. Equality, hashing and the writers work on this form, whether the value came from an
/// <see cref="EventData"/> slot or from a boxed list item.
/// </summary>
internal readonly struct TypedValue
{
    public TypedValue(DataKind kind, long bits, object? reference)
    {
        Kind = kind;
        Bits = bits;
        Reference = reference;
    }

    public DataKind Kind { get; }

    /// <summary>The integer, or the IEEE bits of the double (<see cref="DataKind.Int64"/>, <see cref="DataKind.Double"/>).</summary>
    public long Bits { get; }

    /// <summary>The <see cref="string"/>, <see cref="EventData"/> or <see cref="EventDataList"/>.</summary>
    public object? Reference { get; }

    public double Double => BitConverter.Int64BitsToDouble(Bits);

    public static TypedValue FromInt64(long value) => new(DataKind.Int64, value, null);

    public static TypedValue FromDouble(double value) => new(DataKind.Double, BitConverter.DoubleToInt64Bits(value), null);

    public static TypedValue FromBoolean(bool value) => new(value ? DataKind.True : DataKind.False, 0, null);

    public static TypedValue FromString(string value) => new(DataKind.String, 0, value);

    /// <summary>The typed form of an already normalized value (see <see cref="DataValue.Normalize"/>).</summary>
    public static TypedValue Of(object? canonical) => canonical switch
    {
        null => default,
        string s => FromString(s),
        long l => FromInt64(l),
        double d => FromDouble(d),
        bool b => FromBoolean(b),
        EventData map => new(DataKind.Map, 0, map),
        EventDataList list => new(DataKind.List, 0, list),
        _ => throw new EventDataException($"A value of type {canonical.GetType().Name} is not normalized event data."),
    };

    /// <summary>The boxed form the dictionary view hands out (small integers and booleans share boxes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public object? Box() => Kind switch
    {
        DataKind.Null => null,
        DataKind.False => DataValue.BoxedFalse,
        DataKind.True => DataValue.BoxedTrue,
        DataKind.Int64 => DataValue.Box(Bits),
        DataKind.Double => Double,
        _ => Reference,
    };
}
