using System.Collections;
using System.Globalization;
using System.Text;

namespace Eventure.Internal;

/// <summary>Normalization, JSON-value equality and Python-style rendering of event data values.</summary>
internal static class DataValue
{
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;
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

    /// <summary>Turns a user value into one of the canonical data value types.</summary>
    public static object? Normalize(object? value, string path, string key)
    {
        switch (value)
        {
            case null:
            case string:
            case long:
            case EventData:
            case EventDataList:
                return value;
            case bool b:
                return b ? BoxedTrue : BoxedFalse;
            case int i:
                return Box(i);
            case double d:
                return double.IsFinite(d) ? value : throw NonFinite(path, key, d);
            case float f:
                return float.IsFinite(f) ? (double)f : throw NonFinite(path, key, f);
            case short or sbyte or byte or ushort or uint:
                return Box(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case ulong u:
                return u <= long.MaxValue
                    ? Box((long)u)
                    : throw new EventDataException($"Event data value at '{path}.{key}' ({u}) does not fit in a 64-bit signed integer.");
            case decimal m:
                return (double)m;
            case char c:
                return c.ToString();
            case IEnumerable<KeyValuePair<string, object?>> map:
                return EventData.FromEntries(map, $"{path}.{key}");
            case IDictionary map:
                return NormalizeMap(map, $"{path}.{key}");
            case IEnumerable items:
                return NormalizeList(items, $"{path}.{key}");
            default:
                throw new EventDataException(
                    $"Event data value at '{path}.{key}' has type {value.GetType().Name}; only strings, integers, " +
                    "finite numbers, booleans, null, lists and string-keyed maps are allowed.");
        }
    }

    private static EventData NormalizeMap(IDictionary map, string path)
    {
        var entries = new List<KeyValuePair<string, object?>>(map.Count);
        foreach (DictionaryEntry entry in map)
        {
            if (entry.Key is not string key)
            {
                throw new EventDataException($"Event data map at '{path}' has a key of type {entry.Key.GetType().Name}; keys must be strings.");
            }

            entries.Add(new(key, Normalize(entry.Value, path, key)));
        }

        return EventData.FromTrustedEntries(entries);
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

    /// <summary>JSON value equality: numbers by value, booleans never equal numbers, maps ignore key order.</summary>
    public static bool DeepEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        switch (a)
        {
            case null:
                return false;
            case string s:
                return b is string t && string.Equals(s, t, StringComparison.Ordinal);
            case bool x:
                return b is bool y && x == y;
            case long l:
                return b switch
                {
                    long m => l == m,
                    double d => LongEqualsDouble(l, d),
                    _ => false,
                };
            case double d:
                return b switch
                {
                    double e => d.Equals(e),
                    long m => LongEqualsDouble(m, d),
                    _ => false,
                };
            case EventDataList list:
                {
                    if (b is not EventDataList other || other.Count != list.Count)
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

            case EventData map:
                {
                    if (b is not EventData other || other.Count != map.Count)
                    {
                        return false;
                    }

                    foreach (var (key, value) in map.Entries)
                    {
                        if (!other.TryGetValue(key, out var otherValue) || !DeepEquals(value, otherValue))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            default:
                return a.Equals(b);
        }
    }

    private static bool LongEqualsDouble(long l, double d) =>
        d >= -9.2233720368547758E18 && d < 9.2233720368547758E18 && Math.Floor(d) == d && (long)d == l;

    /// <summary>A hash consistent with <see cref="DeepEquals"/>.</summary>
    public static int DeepHash(object? value)
    {
        switch (value)
        {
            case null:
                return 0;
            case string s:
                return StringComparer.Ordinal.GetHashCode(s);
            case bool b:
                return b ? 0x5bd1e995 : 0x1b873593;
            case long l:
                return ((double)l).GetHashCode();
            case double d:
                return d.GetHashCode();
            case EventDataList list:
                {
                    var hash = new HashCode();
                    foreach (var item in list)
                    {
                        hash.Add(DeepHash(item));
                    }

                    return hash.ToHashCode();
                }

            case EventData map:
                {
                    // Order-independent: maps are equal whatever their key order.
                    var hash = 17;
                    foreach (var (key, item) in map.Entries)
                    {
                        hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), DeepHash(item));
                    }

                    return hash;
                }

            default:
                return value.GetHashCode();
        }
    }

    /// <summary>Python's <c>str()</c> of a value: strings unquoted, everything else as <see cref="Repr"/>.</summary>
    public static string Str(object? value) => value as string ?? Repr(value);

    /// <summary>Python's <c>repr()</c> of a value, culture-invariant.</summary>
    public static string Repr(object? value)
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

        public static void WriteOther(StringBuilder builder, object value) => builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
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
