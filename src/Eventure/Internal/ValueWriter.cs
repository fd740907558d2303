using System.Globalization;
using System.Text;

namespace Eventure.Internal;

/// <summary>How one notation spells the scalar values and strings of event data (JSON, Python repr).</summary>
internal interface IValueNotation
{
    static abstract string Null { get; }

    static abstract string True { get; }

    static abstract string False { get; }

    static abstract void WriteString(StringBuilder builder, string s);

    /// <summary>A value of a type event data never holds (the notation decides: text or an error).</summary>
    static abstract void WriteOther(StringBuilder builder, object value);
}

/// <summary>
/// Writes event data values (scalars, <see cref="EventDataList"/>, <see cref="EventData"/>) in the seed's
/// layout — <c>", "</c> between items, <c>": "</c> after keys — in the notation <typeparamref name="TNotation"/>.
/// Generic over a struct notation, so each notation gets its own specialized code with no indirection.
/// </summary>
internal static class ValueWriter<TNotation>
    where TNotation : struct, IValueNotation
{
    public static void Write(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append(TNotation.Null);
                break;
            case string s:
                TNotation.WriteString(builder, s);
                break;
            case bool b:
                builder.Append(b ? TNotation.True : TNotation.False);
                break;
            case long l:
                builder.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                PythonFloat.Append(builder, d);
                break;
            case EventDataList list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Write(builder, list[i]);
                }

                builder.Append(']');
                break;
            case EventData map:
                WriteMap(builder, map);
                break;
            default:
                TNotation.WriteOther(builder, value);
                break;
        }
    }

    private static void WriteMap(StringBuilder builder, EventData map)
    {
        builder.Append('{');
        var first = true;
        foreach (var (key, item) in map.Entries)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            TNotation.WriteString(builder, key);
            builder.Append(": ");
            Write(builder, item);
        }

        builder.Append('}');
    }
}
