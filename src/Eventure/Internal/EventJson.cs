using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Eventure.Internal;

/// <summary>
/// Reads and writes the seed's JSON-lines format: one event object per line, and an optional trailing
/// metadata record <c>{"eventure_meta": {"format": 1, "current_tick": N}}</c> that carries the current
/// tick when it is past the last event.
/// </summary>
internal static class EventJson
{
    public const string MetaKey = "eventure_meta";
    public const int MetaFormat = 1;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 512 };

    public static void Write(StringBuilder builder, Event e)
    {
        builder.Append("{\"tick\": ").Append(e.Tick.ToString(CultureInfo.InvariantCulture));
        builder.Append(", \"timestamp\": ");
        PythonFloat.Append(builder, e.Timestamp);
        builder.Append(", \"type\": ");
        WriteString(builder, e.Type);
        builder.Append(", \"data\": ");
        ValueWriter<PythonJson>.Write(builder, e.Payload);
        builder.Append(", \"event_id\": ");
        WriteString(builder, e.Id);
        builder.Append(", \"parent_id\": ");
        if (e.ParentId is null)
        {
            builder.Append("null");
        }
        else
        {
            WriteString(builder, e.ParentId);
        }

        builder.Append('}');
    }

    public static void WriteMeta(StringBuilder builder, long currentTick) =>
        builder.Append("{\"").Append(MetaKey).Append("\": {\"format\": ").Append(MetaFormat)
            .Append(", \"current_tick\": ").Append(currentTick.ToString(CultureInfo.InvariantCulture)).Append("}}");

    /// <summary>JSON as Python's <c>json.dumps</c> writes it (<c>ensure_ascii</c>, the seed's separators).</summary>
    private readonly struct PythonJson : IValueNotation
    {
        public static string Null => "null";

        public static string True => "true";

        public static string False => "false";

        public static void WriteString(StringBuilder builder, string s) => EventJson.WriteString(builder, s);

        public static void WriteOther(StringBuilder builder, object value) =>
            throw new EventDataException($"Cannot serialize a value of type {value.GetType().Name}.");
    }

    /// <summary>A JSON string as Python's <c>json.dumps</c> writes it with <c>ensure_ascii=True</c>.</summary>
    private static void WriteString(StringBuilder builder, string s)
    {
        builder.Append('"');
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
            {
                continue;
            }

            builder.Append(s, start, i - start);
            start = i + 1;
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        builder.Append(s, start, s.Length - start).Append('"');
    }

    /// <summary>Parses one line: either an event or a metadata record.</summary>
    /// <exception cref="EventLogFormatException">The line is not valid JSON or not a valid record.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot in loads and journal recovery: skip tier 0
    public static JsonRecord Read(ReadOnlySpan<byte> utf8, string? path, int lineNumber, StringPool? pool = null)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Bad(path, lineNumber, $"expected a JSON object, found {Describe(reader)}.");
            }

            var record = ReadRecord(ref reader, path, lineNumber, pool ?? StringPool.Shared);
            if (reader.Read())
            {
                throw Bad(path, lineNumber, "unexpected content after the JSON object.");
            }

            return record;
        }
        catch (JsonException ex)
        {
            throw Bad(path, lineNumber, $"invalid JSON ({ex.Message})", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw Bad(path, lineNumber, $"invalid JSON value ({ex.Message})", ex);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot in loads and journal recovery: skip tier 0
    private static JsonRecord ReadRecord(ref Utf8JsonReader reader, string? path, int lineNumber, StringPool pool)
    {
        long? tick = null;
        double? timestamp = null;
        string? type = null;
        EventData? data = null;
        string? id = null;
        string? parentId = null;
        long? metaTick = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = pool.Get(ref reader);
            reader.Read();
            switch (key)
            {
                case "tick":
                    tick = ReadInteger(ref reader, key, path, lineNumber);
                    break;
                case "timestamp":
                    timestamp = ReadNumber(ref reader, key, path, lineNumber);
                    break;
                case "type":
                    type = reader.TokenType == JsonTokenType.String ? pool.Get(ref reader) : ReadString(ref reader, key, nullable: false, path, lineNumber);
                    break;
                case "data":
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw Bad(path, lineNumber, $"'data' must be a JSON object, found {Describe(reader)}.");
                    }

                    data = ReadObject(ref reader, path, lineNumber, pool);
                    break;
                case "event_id":
                    id = ReadString(ref reader, key, nullable: true, path, lineNumber);
                    break;
                case "parent_id":
                    parentId = ReadString(ref reader, key, nullable: true, path, lineNumber);
                    break;
                case MetaKey:
                    metaTick = ReadMeta(ref reader, path, lineNumber);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (metaTick is not null)
        {
            return new JsonRecord(null, metaTick);
        }

        var missing = tick is null ? "tick" : timestamp is null ? "timestamp" : type is null ? "type" : data is null ? "data" : null;
        if (missing is not null)
        {
            throw Bad(path, lineNumber, $"missing required key '{missing}'.");
        }

        return new JsonRecord(new EventRecord(tick!.Value, timestamp!.Value, type!, data!, id, parentId), null);
    }

    private static long ReadMeta(ref Utf8JsonReader reader, string? path, int lineNumber)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Bad(path, lineNumber, $"'{MetaKey}' must be a JSON object.");
        }

        long? format = null;
        long? currentTick = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            switch (key)
            {
                case "format":
                    format = ReadInteger(ref reader, key, path, lineNumber);
                    break;
                case "current_tick":
                    currentTick = ReadInteger(ref reader, key, path, lineNumber);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (format != MetaFormat)
        {
            throw Bad(path, lineNumber, $"unsupported metadata format {format?.ToString(CultureInfo.InvariantCulture) ?? "(missing)"}; this version reads format {MetaFormat}.");
        }

        return currentTick ?? throw Bad(path, lineNumber, "metadata record without 'current_tick'.");
    }

    private static long ReadInteger(ref Utf8JsonReader reader, string key, string? path, int lineNumber)
    {
        if (reader.TokenType != JsonTokenType.Number || IsFloatToken(reader) || !reader.TryGetInt64(out var value))
        {
            throw Bad(path, lineNumber, $"'{key}' must be a 64-bit integer, found {Describe(reader)}.");
        }

        return value;
    }

    private static double ReadNumber(ref Utf8JsonReader reader, string key, string? path, int lineNumber)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw Bad(path, lineNumber, $"'{key}' must be a finite number, found {Describe(reader)}.");
        }

        return value;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string key, bool nullable, string? path, int lineNumber) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null when nullable => null,
            _ => throw Bad(path, lineNumber, $"'{key}' must be a string{(nullable ? " or null" : string.Empty)}, found {Describe(reader)}."),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot in loads and journal recovery: skip tier 0
    private static EventData ReadObject(ref Utf8JsonReader reader, string? path, int lineNumber, StringPool pool)
    {
        // Small objects (the common case) are gathered on the stack: the only allocation is the final array.
        var small = default(SmallEntries);
        var count = 0;
        List<KeyValuePair<string, object?>>? entries = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = pool.Get(ref reader);
            reader.Read();
            var entry = new KeyValuePair<string, object?>(key, ReadValue(ref reader, path, lineNumber, pool));
            if (entries is null && count < SmallEntries.Capacity)
            {
                small[count++] = entry;
                continue;
            }

            entries ??= [.. ((ReadOnlySpan<KeyValuePair<string, object?>>)small)[..count]];
            entries.Add(entry);
        }

        return entries is null
            ? EventData.FromTrustedSpan(((ReadOnlySpan<KeyValuePair<string, object?>>)small)[..count])
            : EventData.FromTrustedEntries(EventData.DeduplicateKeys(entries));
    }

    /// <summary>Room for the entries of a small JSON object, kept on the stack while it is read.</summary>
    [InlineArray(Capacity)]
    private struct SmallEntries
    {
        public const int Capacity = 8;

        private KeyValuePair<string, object?> _first;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot in loads and journal recovery: skip tier 0
    private static object? ReadValue(ref Utf8JsonReader reader, string? path, int lineNumber, StringPool pool)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return pool.Get(ref reader);
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                if (!IsFloatToken(reader) && reader.TryGetInt64(out var integer))
                {
                    return DataValue.Box(integer);
                }

                if (reader.TryGetDouble(out var number) && double.IsFinite(number))
                {
                    return number;
                }

                throw Bad(path, lineNumber, $"number {Encoding.UTF8.GetString(reader.ValueSpan)} is out of range.");
            case JsonTokenType.StartObject:
                return ReadObject(ref reader, path, lineNumber, pool);
            case JsonTokenType.StartArray:
                {
                    var items = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadValue(ref reader, path, lineNumber, pool));
                    }

                    return items.Count == 0 ? EventDataList.Empty : new EventDataList([.. items]);
                }

            default:
                throw Bad(path, lineNumber, $"unexpected {Describe(reader)}.");
        }
    }

    private static bool IsFloatToken(in Utf8JsonReader reader) => reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0;

    private static string Describe(in Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.None => "nothing",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "the number " + Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString(),
    };

    private static EventLogFormatException Bad(string? path, int lineNumber, string problem, Exception? inner = null) =>
        new(path, lineNumber, problem, inner);
}

/// <summary>One parsed line: an event, or the metadata record's current tick.</summary>
internal readonly record struct JsonRecord(EventRecord? Event, long? MetaCurrentTick);

/// <summary>An event as read from JSON, before a missing id is generated.</summary>
internal readonly record struct EventRecord(long Tick, double Timestamp, string Type, EventData Data, string? Id, string? ParentId)
{
    public Event ToEvent(EventIdGenerator? ids) => Event.Create(Tick, Timestamp, Type, Data, Id ?? (ids ?? new EventIdGenerator()).Next(Tick, Type), ParentId);
}
