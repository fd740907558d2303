using System.Collections;
using System.Globalization;
using System.Text;

namespace Eventure.Internal;

/// <summary>Normalization, JSON-value equality and Python-style rendering of event data values.</summary>
internal static class DataValue
{
    public static readonly object BoxedTrue = true;
    public static readonly object BoxedFalse = false;
    private static readonly object[] SmallIntegers = CreateSmallIntegers();

    private const long SmallIntegerMin = -128;
    private const long SmallIntegerMax = 1023;

    /// <summary>Boxes <paramref name="value"/>, sharing one box per small integer (they are immutable).</summary>
    public static object Box(long value) =>
        value is >= SmallIntegerMin and <= SmallIntegerMax ? SmallIntegers[value - SmallIntegerMin] : value;

    private static object[] CreateSmallIntegers()
    {
        var boxes = new object[SmallIntegerMax - SmallIntegerMin + 1];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = SmallIntegerMin + i;
        }

        return boxes;
    }

    /// <summary>Turns a user value into one of the canonical data value types, boxed (list items).</summary>
    public static object? Normalize(object? value, string path, string key) =>
        value is null or string or long or EventData or EventDataList ? value : Classify(value, path, key).Box();

    /// <summary>Turns a user value into its canonical, unboxed form.</summary>
    public static TypedValue Classify(object? value, string path, string key)
    {
        switch (value)
        {
            case null:
                return default;
            case string s:
                return TypedValue.FromString(s);
            case long l:
                return TypedValue.FromInt64(l);
            case int i:
                return TypedValue.FromInt64(i);
            case bool b:
                return TypedValue.FromBoolean(b);
            case double d:
                return double.IsFinite(d) ? TypedValue.FromDouble(d) : throw NonFinite(path, key, d);
            case EventData map:
                return new(DataKind.Map, 0, map);
            case EventDataList list:
                return new(DataKind.List, 0, list);
            case float f:
                return float.IsFinite(f) ? TypedValue.FromDouble(f) : throw NonFinite(path, key, f);
            case short or sbyte or byte or ushort or uint:
                return TypedValue.FromInt64(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case ulong u:
                return u <= long.MaxValue
                    ? TypedValue.FromInt64((long)u)
                    : throw new EventDataException($"Event data value at '{path}.{key}' ({u}) does not fit in a 64-bit signed integer.");
            case decimal m:
                return TypedValue.FromDouble((double)m);
            case char c:
                return TypedValue.FromString(c.ToString());
            case IEnumerable<KeyValuePair<string, object?>> map:
                return new(DataKind.Map, 0, EventData.FromEntries(map, $"{path}.{key}"));
            case IDictionary map:
                return new(DataKind.Map, 0, NormalizeMap(map, $"{path}.{key}"));
            case IEnumerable items:
                return new(DataKind.List, 0, NormalizeList(items, $"{path}.{key}"));
            default:
                throw new EventDataException(
                    $"Event data value at '{path}.{key}' has type {value.GetType().Name}; only strings, integers, " +
                    "finite numbers, booleans, null, lists and string-keyed maps are allowed.");
        }
    }

    private static EventData NormalizeMap(IDictionary map, string path)
    {
        var builder = default(EventDataBuilder);
        foreach (DictionaryEntry entry in map)
        {
            if (entry.Key is not string key)
            {
                throw new EventDataException($"Event data map at '{path}' has a key of type {entry.Key.GetType().Name}; keys must be strings.");
            }

            builder.Add(key, Classify(entry.Value, path, key));
        }

        return builder.Build(mayRepeatKeys: false);
    }

    private static EventDataList NormalizeList(IEnumerable items, string path)
    {
        var list = new List<object?>();
        var i = 0;
        foreach (var item in items)
        {
            list.Add(Normalize(item, path, i.ToString(CultureInfo.InvariantCulture)));
            i++;
        }

        return list.Count == 0 ? EventDataList.Empty : new EventDataList([.. list]);
    }

    private static EventDataException NonFinite(string path, string key, double value) =>
        new($"Event data value at '{path}.{key}' is {value.ToString(CultureInfo.InvariantCulture)}; non-finite numbers cannot be stored as JSON.");

    /// <summary>JSON value equality of two boxed canonical values (see <see cref="ValueEquals"/>).</summary>
    public static bool DeepEquals(object? a, object? b) => ReferenceEquals(a, b) || ValueEquals(TypedValue.Of(a), TypedValue.Of(b));

    /// <summary>JSON value equality: numbers by value, booleans never equal numbers, maps ignore key order.</summary>
    public static bool ValueEquals(in TypedValue a, in TypedValue b)
    {
        switch (a.Kind)
        {
            case DataKind.Int64:
                return b.Kind == DataKind.Int64 ? a.Bits == b.Bits : b.Kind == DataKind.Double && LongEqualsDouble(a.Bits, b.Double);
            case DataKind.Double:
                return b.Kind == DataKind.Double ? a.Double.Equals(b.Double) : b.Kind == DataKind.Int64 && LongEqualsDouble(b.Bits, a.Double);
            case DataKind.String:
                return b.Kind == DataKind.String && string.Equals((string)a.Reference!, (string)b.Reference!, StringComparison.Ordinal);
            case DataKind.Map:
                return b.Kind == DataKind.Map && ((EventData)a.Reference!).Equals((EventData)b.Reference!);
            case DataKind.List:
                {
                    if (b.Kind != DataKind.List)
                    {
                        return false;
                    }

                    var list = (EventDataList)a.Reference!;
                    var other = (EventDataList)b.Reference!;
                    if (ReferenceEquals(list, other))
                    {
                        return true;
                    }

                    if (list.Count != other.Count)
                    {
                        return false;
                    }

                    for (var i = 0; i < list.Count; i++)
                    {
                        if (!DeepEquals(list[i], other[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            default:
                return a.Kind == b.Kind;
        }
    }

    private static bool LongEqualsDouble(long l, double d) =>
        d >= -9.2233720368547758E18 && d < 9.2233720368547758E18 && Math.Floor(d) == d && (long)d == l;

    /// <summary>A hash consistent with <see cref="ValueEquals"/>.</summary>
    public static int DeepHash(in TypedValue value)
    {
        switch (value.Kind)
        {
            case DataKind.Null:
                return 0;
            case DataKind.String:
                return StringComparer.Ordinal.GetHashCode((string)value.Reference!);
            case DataKind.True:
                return 0x5bd1e995;
            case DataKind.False:
                return 0x1b873593;
            case DataKind.Int64:
                return ((double)value.Bits).GetHashCode();
            case DataKind.Double:
                return value.Double.GetHashCode();
            case DataKind.List:
                {
                    var hash = new HashCode();
                    foreach (var item in (EventDataList)value.Reference!)
                    {
                        hash.Add(DeepHash(TypedValue.Of(item)));
                    }

                    return hash.ToHashCode();
                }

            default:
                {
                    // Order-independent: maps are equal whatever their key order.
                    var map = (EventData)value.Reference!;
                    var hash = 17;
                    for (var i = 0; i < map.Count; i++)
                    {
                        hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(map.KeyAt(i)), DeepHash(map.ValueAt(i)));
                    }

                    return hash;
                }
        }
    }

    /// <summary>Python's <c>str()</c> of a value: strings unquoted, everything else as <c>repr()</c>.</summary>
    public static string Str(in TypedValue value) => value.Kind == DataKind.String ? (string)value.Reference! : Repr(value);

    /// <summary>Python's <c>repr()</c> of a value, culture-invariant.</summary>
    public static string Repr(object? value) => Repr(TypedValue.Of(value));

    /// <summary>Python's <c>repr()</c> of a value, culture-invariant.</summary>
    public static string Repr(in TypedValue value)
    {
        var builder = new StringBuilder();
        ValueWriter<PythonRepr>.Write(builder, value);
        return builder.ToString();
    }

    /// <summary>Python's <c>repr()</c> spelling.</summary>
    private readonly struct PythonRepr : IValueNotation
    {
        public static string Null => "None";

        public static string True => "True";

        public static string False => "False";

        public static void WriteString(StringBuilder builder, string s) => AppendPythonString(builder, s);
    }

    private static void AppendPythonString(StringBuilder builder, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        builder.Append(quote);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == quote || c == '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c == '\n')
            {
                builder.Append("\\n");
            }
            else if (c == '\r')
            {
                builder.Append("\\r");
            }
            else if (c == '\t')
            {
                builder.Append("\\t");
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                builder.Append(c).Append(s[++i]);
            }
            else if (IsPrintable(c))
            {
                builder.Append(c);
            }
            else if (c < 0x100)
            {
                builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        builder.Append(quote);
    }

    private static bool IsPrintable(char c)
    {
        if (c == ' ')
        {
            return true;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }
}
