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
}

/// <summary>
/// Writes event data values (scalars, <see cref="EventDataList"/>, <see cref="EventData"/>) in the seed's
/// layout — <c>", "</c> between items, <c>": "</c> after keys — in the notation <typeparamref name="TNotation"/>.
/// Generic over a struct notation, so each notation gets its own specialized code with no indirection.
/// </summary>
internal static class ValueWriter<TNotation>
    where TNotation : struct, IValueNotation
{
    public static void Write(StringBuilder builder, in TypedValue value)
    {
        switch (value.Kind)
        {
            case DataKind.Null:
                builder.Append(TNotation.Null);
                break;
            case DataKind.String:
                TNotation.WriteString(builder, (string)value.Reference!);
                break;
            case DataKind.True:
                builder.Append(TNotation.True);
                break;
            case DataKind.False:
                builder.Append(TNotation.False);
                break;
            case DataKind.Int64:
                builder.Append(value.Bits.ToString(CultureInfo.InvariantCulture));
                break;
            case DataKind.Double:
                PythonFloat.Append(builder, value.Double);
                break;
            case DataKind.List:
                var list = (EventDataList)value.Reference!;
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Write(builder, TypedValue.Of(list[i]));
                }

                builder.Append(']');
                break;
            default:
                WriteMap(builder, (EventData)value.Reference!);
                break;
        }
    }

    private static void WriteMap(StringBuilder builder, EventData map)
    {
        builder.Append('{');
        for (var i = 0; i < map.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            TNotation.WriteString(builder, map.KeyAt(i));
            builder.Append(": ");
            Write(builder, map.ValueAt(i));
        }

        builder.Append('}');
    }
}
