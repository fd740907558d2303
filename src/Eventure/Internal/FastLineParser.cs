using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Eventure.Internal;

/// <summary>
/// Parses the common shape of an event line straight from UTF-8 into the compact form, with no intermediate
/// tokens or strings: the six seed keys in any order, ASCII strings without escapes, JSON numbers, nested
/// objects and arrays. Anything else (escapes, other keys, the metadata record, invalid JSON) is declined, and
/// the caller parses the line with the general reader (<see cref="EventJson.Read"/>), which also reports errors.
/// A line it accepts gives exactly the event the general reader gives.
/// </summary>
/// <remarks>One parser serves one thread: it owns the string pool of its chunk of the file.</remarks>
internal sealed class FastLineParser(Utf8StringPool pool)
{
    private const int MaxDepth = 64;

    private string? _lastType;

    [ThreadStatic]
    private static FastLineParser? t_shared;

    /// <summary>A parser per thread for single-line parses, over <see cref="Utf8StringPool.Shared"/>.</summary>
    public static FastLineParser Shared => t_shared ??= new FastLineParser(Utf8StringPool.Shared);

    /// <summary>
    /// A parsed line: the record, and for a standard id that fits the event's tick and type its sequence number
    /// (then the record's id is <see langword="null"/> and no id string was made).
    /// </summary>
    internal readonly record struct Parsed(EventRecord Record, int Sequence, int IdHash)
    {
        /// <summary>Whether the line had no id at all (one must be generated).</summary>
        public bool HasNoId => Sequence == 0 && Record.Id is null;

        public Event ToEvent(EventIdGenerator? ids) =>
            Sequence > 0
                ? Event.Create(Record.Tick, Record.Timestamp, Record.Type, Record.Data, Sequence, Record.ParentId)
                : Record.ToEvent(ids);
    }

    /// <summary>
    /// Parses <paramref name="line"/>; <see langword="false"/> declines it. On success, a standard id that fits the
    /// event's tick and type comes back as its <c>Sequence</c> (record id <see langword="null"/>, no string made),
    /// and <c>IdHash</c> is the ordinal hash of the id text (0 when there is no id).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryParse(ReadOnlySpan<byte> line, out Parsed parsed)
    {
        parsed = default;
        var at = 0;
        if (!Take(line, ref at, (byte)'{'))
        {
            return false;
        }

        long? tick = null;
        double? timestamp = null;
        string? type = null;
        EventData? data = null;
        var id = default(ReadOnlySpan<byte>);
        var hasId = false;
        string? parentId = null;
        if (!Take(line, ref at, (byte)'}'))
        {
            while (true)
            {
                if (!ReadPlainString(line, ref at, out var key) || !Take(line, ref at, (byte)':'))
                {
                    return false;
                }

                SkipSpace(line, ref at);
                switch (key.Length)
                {
                    case 4 when key.SequenceEqual("tick"u8):
                        if (!ReadNumber(line, ref at, out var isInteger, out var integer, out _) || !isInteger)
                        {
                            return false;
                        }

                        tick = integer;
                        break;
                    case 9 when key.SequenceEqual("timestamp"u8):
                        if (!ReadNumber(line, ref at, out isInteger, out integer, out var number))
                        {
                            return false;
                        }

                        timestamp = isInteger ? integer : number;
                        break;
                    case 4 when key.SequenceEqual("type"u8):
                        if (!ReadPlainString(line, ref at, out var typeBytes))
                        {
                            return false;
                        }

                        type = _lastType is { } last && Ascii.Equals(typeBytes, last) ? last : pool.Get(typeBytes);
                        _lastType = type;
                        break;
                    case 4 when key.SequenceEqual("data"u8):
                        if (at >= line.Length || line[at] != (byte)'{' || !ReadObject(line, ref at, 0, out data))
                        {
                            return false;
                        }

                        break;
                    case 8 when key.SequenceEqual("event_id"u8):
                        if (ReadNull(line, ref at))
                        {
                            hasId = false;
                        }
                        else if (ReadPlainString(line, ref at, out id))
                        {
                            hasId = true;
                        }
                        else
                        {
                            return false;
                        }

                        break;
                    case 9 when key.SequenceEqual("parent_id"u8):
                        if (ReadNull(line, ref at))
                        {
                            parentId = null;
                        }
                        else if (ReadPlainString(line, ref at, out var parent))
                        {
                            parentId = Encoding.ASCII.GetString(parent);
                        }
                        else
                        {
                            return false;
                        }

                        break;
                    default:
                        return false;
                }

                if (Take(line, ref at, (byte)'}'))
                {
                    break;
                }

                if (!Take(line, ref at, (byte)','))
                {
                    return false;
                }
            }
        }

        SkipSpace(line, ref at);
        if (at != line.Length || tick is null || timestamp is null || type is null || data is null || !double.IsFinite(timestamp.Value))
        {
            return false;
        }

        string? idText = null;
        var sequence = 0;
        var idHash = 0;
        if (hasId)
        {
            if (id.Length <= EventId.MaxStandardLength)
            {
                Span<char> chars = stackalloc char[id.Length];
                Encoding.ASCII.GetChars(id, chars);
                idHash = IdIndex.Hash(chars);
                sequence = EventId.TryParseStandard(chars, tick.Value, type);
            }

            if (sequence == 0)
            {
                idText = Encoding.ASCII.GetString(id);
                idHash = IdIndex.Hash(idText);
            }
        }

        parsed = new Parsed(new EventRecord(tick.Value, timestamp.Value, type, data, idText, parentId), sequence, idHash);
        return true;
    }

    private bool ReadObject(ReadOnlySpan<byte> line, scoped ref int at, int depth, out EventData? map)
    {
        map = null;
        at++; // '{'
        var builder = default(EventDataBuilder);
        if (!Take(line, ref at, (byte)'}'))
        {
            while (true)
            {
                if (!ReadPlainString(line, ref at, out var key) || !Take(line, ref at, (byte)':'))
                {
                    return false;
                }

                SkipSpace(line, ref at);
                if (!ReadValue(line, ref at, depth, out var value))
                {
                    return false;
                }

                builder.Add(pool.Get(key), value);
                if (Take(line, ref at, (byte)'}'))
                {
                    break;
                }

                if (!Take(line, ref at, (byte)','))
                {
                    return false;
                }
            }
        }

        map = builder.Build(mayRepeatKeys: true);
        return true;
    }

    private bool ReadValue(ReadOnlySpan<byte> line, scoped ref int at, int depth, out TypedValue value)
    {
        value = default;
        if (at >= line.Length)
        {
            return false;
        }

        switch (line[at])
        {
            case (byte)'"':
                if (!ReadPlainString(line, ref at, out var text))
                {
                    return false;
                }

                value = TypedValue.FromString(pool.Get(text));
                return true;
            case (byte)'{':
                if (depth >= MaxDepth || !ReadObject(line, ref at, depth + 1, out var map))
                {
                    return false;
                }

                value = new TypedValue(DataKind.Map, 0, map);
                return true;
            case (byte)'[':
                return depth < MaxDepth && ReadArray(line, ref at, depth + 1, out value);
            case (byte)'t':
                value = TypedValue.FromBoolean(true);
                return ReadLiteral(line, ref at, "true"u8);
            case (byte)'f':
                value = TypedValue.FromBoolean(false);
                return ReadLiteral(line, ref at, "false"u8);
            case (byte)'n':
                return ReadLiteral(line, ref at, "null"u8);
            default:
                if (!ReadNumber(line, ref at, out var isInteger, out var integer, out var number))
                {
                    return false;
                }

                value = isInteger ? TypedValue.FromInt64(integer) : TypedValue.FromDouble(number);
                return true;
        }
    }

    private bool ReadArray(ReadOnlySpan<byte> line, scoped ref int at, int depth, out TypedValue value)
    {
        value = default;
        at++; // '['
        var items = new List<object?>();
        if (!Take(line, ref at, (byte)']'))
        {
            while (true)
            {
                SkipSpace(line, ref at);
                if (!ReadValue(line, ref at, depth, out var item))
                {
                    return false;
                }

                items.Add(item.Box());
                if (Take(line, ref at, (byte)']'))
                {
                    break;
                }

                if (!Take(line, ref at, (byte)','))
                {
                    return false;
                }
            }
        }

        value = new TypedValue(DataKind.List, 0, items.Count == 0 ? EventDataList.Empty : new EventDataList([.. items]));
        return true;
    }

    /// <summary>A string of printable ASCII without escapes; its content, quotes excluded.</summary>
    private static bool ReadPlainString(ReadOnlySpan<byte> line, scoped ref int at, out ReadOnlySpan<byte> text)
    {
        text = default;
        SkipSpace(line, ref at);
        if (at >= line.Length || line[at] != (byte)'"')
        {
            return false;
        }

        var rest = line[(at + 1)..];
        var quote = rest.IndexOfAny((byte)'"', (byte)'\\');
        if (quote < 0 || rest[quote] != (byte)'"' || rest[..quote].ContainsAnyExceptInRange((byte)0x20, (byte)0x7E))
        {
            return false;
        }

        text = rest[..quote];
        at += quote + 2;
        return true;
    }

    /// <summary>
    /// A JSON number. Integers (no fraction or exponent) of up to 18 digits come back as <paramref name="integer"/>;
    /// the rest as a finite <paramref name="number"/>. Longer integers are declined (the general reader decides).
    /// </summary>
    private static bool ReadNumber(ReadOnlySpan<byte> line, scoped ref int at, out bool isInteger, out long integer, out double number)
    {
        isInteger = false;
        integer = 0;
        number = 0;
        var start = at;
        var i = at;
        if (i < line.Length && line[i] == (byte)'-')
        {
            i++;
        }

        var digitsStart = i;
        while (i < line.Length && IsDigit(line[i]))
        {
            i++;
        }

        var digits = i - digitsStart;
        if (digits == 0 || (digits > 1 && line[digitsStart] == (byte)'0'))
        {
            return false;
        }

        var isFloat = false;
        if (i < line.Length && line[i] == (byte)'.')
        {
            isFloat = true;
            var fraction = ++i;
            while (i < line.Length && IsDigit(line[i]))
            {
                i++;
            }

            if (i == fraction)
            {
                return false;
            }
        }

        if (i < line.Length && (line[i] | 0x20) == (byte)'e')
        {
            isFloat = true;
            i++;
            if (i < line.Length && (line[i] == (byte)'+' || line[i] == (byte)'-'))
            {
                i++;
            }

            var exponent = i;
            while (i < line.Length && IsDigit(line[i]))
            {
                i++;
            }

            if (i == exponent)
            {
                return false;
            }
        }

        var token = line[start..i];
        at = i;
        if (!isFloat)
        {
            if (digits > 18)
            {
                return false;
            }

            isInteger = true;
            return Utf8Parser.TryParse(token, out integer, out var used) && used == token.Length;
        }

        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool ReadLiteral(ReadOnlySpan<byte> line, scoped ref int at, ReadOnlySpan<byte> literal)
    {
        if (!line[at..].StartsWith(literal))
        {
            return false;
        }

        at += literal.Length;
        return true;
    }

    private static bool ReadNull(ReadOnlySpan<byte> line, scoped ref int at)
    {
        SkipSpace(line, ref at);
        return at < line.Length && line[at] == (byte)'n' && ReadLiteral(line, ref at, "null"u8);
    }

    /// <summary>Skips white space, then consumes <paramref name="token"/> if it is next.</summary>
    private static bool Take(ReadOnlySpan<byte> line, scoped ref int at, byte token)
    {
        SkipSpace(line, ref at);
        if (at < line.Length && line[at] == token)
        {
            at++;
            return true;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SkipSpace(ReadOnlySpan<byte> line, scoped ref int at)
    {
        while (at < line.Length && line[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            at++;
        }
    }
}
