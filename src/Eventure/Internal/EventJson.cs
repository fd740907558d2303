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

    /// <summary>Parses one line: either an event or a metadata record.</summary>
    /// <exception cref="EventLogFormatException">The line is not valid JSON or not a valid record.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot in loads and journal recovery: skip tier 0
    public static JsonRecord Read(ReadOnlySpan<byte> utf8, string? path, int lineNumber, Utf8StringPool? pool = null)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Bad(path, lineNumber, $"expected a JSON object, found {Describe(reader)}.");
            }

            var record = ReadRecord(ref reader, path, lineNumber, pool ?? Utf8StringPool.Shared);
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
    private static JsonRecord ReadRecord(ref Utf8JsonReader reader, string? path, int lineNumber, Utf8StringPool pool)
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
    private static EventData ReadObject(ref Utf8JsonReader reader, string? path, int lineNumber, Utf8StringPool pool)
    {
        // The entries are gathered on the stack; the only allocations are the payload (and its slots).
        var builder = default(EventDataBuilder);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = pool.Get(ref reader);
            reader.Read();
            builder.Add(key, ReadValue(ref reader, path, lineNumber, pool));
        }

        return builder.Build(mayRepeatKeys: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot in loads and journal recovery: skip tier 0
    private static TypedValue ReadValue(ref Utf8JsonReader reader, string? path, int lineNumber, Utf8StringPool pool)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return TypedValue.FromString(pool.Get(ref reader));
            case JsonTokenType.True:
                return TypedValue.FromBoolean(true);
            case JsonTokenType.False:
                return TypedValue.FromBoolean(false);
            case JsonTokenType.Null:
                return default;
            case JsonTokenType.Number:
                if (!IsFloatToken(reader) && reader.TryGetInt64(out var integer))
                {
                    return TypedValue.FromInt64(integer);
                }

                if (reader.TryGetDouble(out var number) && double.IsFinite(number))
                {
                    return TypedValue.FromDouble(number);
                }

                throw Bad(path, lineNumber, $"number {Encoding.UTF8.GetString(reader.ValueSpan)} is out of range.");
            case JsonTokenType.StartObject:
                return new TypedValue(DataKind.Map, 0, ReadObject(ref reader, path, lineNumber, pool));
            case JsonTokenType.StartArray:
                {
                    var items = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadValue(ref reader, path, lineNumber, pool).Box());
                    }

                    return new TypedValue(DataKind.List, 0, items.Count == 0 ? EventDataList.Empty : new EventDataList([.. items]));
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
    public Event ToEvent(EventIdGenerator? ids) =>
        Id is null ? Event.Create(Tick, Timestamp, Type, Data, (ids ?? new EventIdGenerator()).NextSequence(Tick, Type, out _), ParentId)
        : EventId.TryParseStandard(Id, Tick, Type) is var sequence and > 0 ? Event.Create(Tick, Timestamp, Type, Data, sequence, ParentId)
        : Event.Create(Tick, Timestamp, Type, Data, Id, ParentId);
}
