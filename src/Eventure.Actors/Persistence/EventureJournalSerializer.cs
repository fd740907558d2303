using System.Collections.Immutable;
using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Eventure.Actors.Persistence;

/// <summary>
/// Serializes everything Eventure writes to a journal or snapshot store as versioned JSON with short
/// manifests — never CLR type names:
/// <c>ev2</c> (<see cref="JournaledEvent"/>: <c>{"source": ..., "input": true, "event": {seed line object}}</c>, the
/// event object embedded as JSON and parsed straight from UTF-8; <c>input</c> only on external input, absent
/// otherwise and in payloads written before inputs were marked), <c>tick1</c> (<see cref="TickMarker"/>), <c>snap2</c>
/// (<see cref="LogSnapshot"/>: ticks with their <c>ev2</c> events) and <c>proj1</c> (projection offsets).
/// <c>ev1</c> and <c>snap1</c> (event lines as JSON strings) are still read. Registered
/// <see cref="IJournalUpcaster"/>s run on every read.
/// </summary>
internal sealed partial class EventureJournalSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id (unique within the actor system).</summary>
    public const int Id = 7341;

    internal const string EventManifest = "ev2";
    internal const string EventManifestV1 = "ev1";
    internal const string TickManifest = "tick2";
    internal const string TickManifestV1 = "tick1";
    internal const string SnapshotManifest = "snap2";
    internal const string SnapshotManifestV1 = "snap1";
    internal const string ProjectionManifest = "proj1";

    private readonly JournalUpcasters _upcasters;

    /// <summary>Created by Akka from configuration.</summary>
    public EventureJournalSerializer(ExtendedActorSystem system)
        : base(system)
    {
        _upcasters = JournalUpcasters.For(system);
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        JournaledEvent => EventManifest,
        TickMarker { Version: 1 } => TickManifestV1,
        TickMarker => TickManifest,
        LogSnapshot => SnapshotManifest,
        ProjectionSnapshot => ProjectionManifest,
        TickRow => TickRowManifest,
        AcceptedRow => AcceptedManifest,
        RuntimeSnapshot => RuntimeSnapshotManifest,
        _ => throw new ArgumentException($"EventureJournalSerializer cannot serialize {o.GetType().Name}.", nameof(o)),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj switch
    {
        JournaledEvent e => WriteEvent(e),
        TickMarker m => JsonSerializer.SerializeToUtf8Bytes(new TickDto(m.Tick, m.EventCount, m.Checksum, m.Version == 1 ? null : m.Digest), JournalJsonContext.Default.TickDto),
        LogSnapshot s => WriteSnapshot(s),
        ProjectionSnapshot p => JsonSerializer.SerializeToUtf8Bytes(new ProjectionDto(p.Offset, p.LastTick, p.StateJson), JournalJsonContext.Default.ProjectionDto),
        TickRow row => WriteRow(row),
        AcceptedRow accepted => WriteAccepted(accepted),
        RuntimeSnapshot runtime => WriteRuntime(runtime),
        _ => throw new ArgumentException($"EventureJournalSerializer cannot serialize {obj.GetType().Name}.", nameof(obj)),
    };

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (_upcasters.IsEmpty)
        {
            // The hot paths of recovery and queries: no text copies at all.
            if (manifest == TickRowManifest)
            {
                return ReadRow(bytes);
            }

            if (manifest == EventManifest)
            {
                return ReadEvent(bytes);
            }

            if (manifest == SnapshotManifest)
            {
                return ReadSnapshot(bytes);
            }
        }

        var (current, json) = _upcasters.Apply(manifest, Encoding.UTF8.GetString(bytes));
        return current switch
        {
            EventManifest => ReadEvent(Encoding.UTF8.GetBytes(json)),
            EventManifestV1 => FromDto(Parse(json, JournalJsonContext.Default.EventDto, current)),
            TickManifest => FromDto(Parse(json, JournalJsonContext.Default.TickDto, current), version: 2),
            TickManifestV1 => FromDto(Parse(json, JournalJsonContext.Default.TickDto, current), version: 1),
            SnapshotManifest => ReadSnapshot(Encoding.UTF8.GetBytes(json)),
            SnapshotManifestV1 => new LogSnapshot([.. Parse(json, JournalJsonContext.Default.SnapshotDto, current).Ticks.Select(FromDto)]),
            ProjectionManifest => Parse(json, JournalJsonContext.Default.ProjectionDto, current) is { } p ? new ProjectionSnapshot(p.Offset, p.LastTick, p.State) : null!,
            TickRowManifest => ReadRow(Encoding.UTF8.GetBytes(json)),
            AcceptedManifest => Guard(current, () => ReadAccepted(Encoding.UTF8.GetBytes(json))),
            RuntimeSnapshotManifest => Guard(current, () => ReadRuntime(Encoding.UTF8.GetBytes(json))),
            _ => throw new SerializationException($"Unknown Eventure journal manifest '{manifest}' (after upcasting: '{current}'); register an IJournalUpcaster for it."),
        };
    }

    private static T Guard<T>(string manifest, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is JsonException or EventLogFormatException or InvalidOperationException or FormatException)
        {
            throw new SerializationException($"Corrupt '{manifest}' payload: {ex.Message}", ex);
        }
    }

    private static T Parse<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, string manifest)
    {
        try
        {
            return JsonSerializer.Deserialize(json, info) ?? throw new SerializationException($"Empty '{manifest}' payload.");
        }
        catch (JsonException ex)
        {
            throw new SerializationException($"Corrupt '{manifest}' payload: {ex.Message}", ex);
        }
    }

    /// <summary>Writes <c>ev2</c>: the source, then the event object exactly as its seed JSON line.</summary>
    private static byte[] WriteEvent(JournaledEvent e)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteEvent(writer, e.Event, e.Source, e.IsInput);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteEvent(Utf8JsonWriter writer, Event e, string? source, bool input)
    {
        writer.WriteStartObject();
        if (source is null)
        {
            writer.WriteNull("source");
        }
        else
        {
            writer.WriteString("source", source);
        }

        if (input)
        {
            writer.WriteBoolean("input", true);
        }

        writer.WritePropertyName("event");
        writer.WriteRawValue(e.ToJson(), skipInputValidation: true);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>snap2</c>: <c>{"ticks": [{"tick", "checksum", "events": [ev2 objects]}]}</c>, streamed.</summary>
    private static byte[] WriteSnapshot(LogSnapshot snapshot)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("ticks");
            foreach (var tick in snapshot.Ticks)
            {
                writer.WriteStartObject();
                writer.WriteNumber("tick", tick.Tick);
                writer.WriteNumber("checksum", tick.Checksum);
                if (tick.Version != 1)
                {
                    writer.WriteNumber("version", tick.Version);
                    writer.WriteNumber("digest", tick.Digest);
                }

                writer.WriteStartArray("events");
                for (var i = 0; i < tick.Events.Length; i++)
                {
                    WriteEvent(writer, tick.Events[i], tick.Sources[i], JournalInputs.IsMarked(tick, i));
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads <c>ev2</c>, handing the embedded event object's bytes to the core parser.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static JournaledEvent ReadEvent(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            Expect(ref reader, JsonTokenType.StartObject, EventManifest);
            return ReadEvent(ref reader, utf8);
        }
        catch (Exception ex) when (ex is JsonException or EventLogFormatException or InvalidOperationException)
        {
            throw new SerializationException($"Corrupt '{EventManifest}' payload: {ex.Message}", ex);
        }
    }

    /// <summary>Reads one <c>ev2</c> object whose start the reader is on.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static JournaledEvent ReadEvent(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        string? source = null;
        var input = false;
        Event? e = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("source"u8))
            {
                reader.Read();
                source = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            }
            else if (reader.ValueTextEquals("input"u8))
            {
                reader.Read();
                input = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                e = Event.FromJson(RawValue(ref reader, utf8));
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new JournaledEvent(e ?? throw new SerializationException($"Corrupt '{EventManifest}' payload: no event."), source) { IsInput = input };
    }

    /// <summary>Reads <c>snap2</c> in one pass over the bytes.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static LogSnapshot ReadSnapshot(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            Expect(ref reader, JsonTokenType.StartObject, SnapshotManifest);
            var ticks = ImmutableArray.CreateBuilder<AppendTick>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("ticks"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                Expect(ref reader, JsonTokenType.StartArray, SnapshotManifest);
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    ticks.Add(ReadSnapshotTick(ref reader, utf8));
                }
            }

            return new LogSnapshot(ticks.ToImmutable());
        }
        catch (Exception ex) when (ex is JsonException or EventLogFormatException or InvalidOperationException)
        {
            throw new SerializationException($"Corrupt '{SnapshotManifest}' payload: {ex.Message}", ex);
        }
    }

    private static AppendTick ReadSnapshotTick(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var events = ImmutableArray.CreateBuilder<Event>();
        var sources = ImmutableArray.CreateBuilder<string?>();
        ImmutableArray<bool>.Builder? inputs = null;
        var header = new TickHeader { Version = 1 };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (header.TryRead(ref reader))
            {
                continue;
            }

            if (reader.ValueTextEquals("events"u8))
            {
                Expect(ref reader, JsonTokenType.StartArray, SnapshotManifest);
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    var e = ReadEvent(ref reader, utf8);
                    if (e.IsInput && inputs is null)
                    {
                        inputs = ImmutableArray.CreateBuilder<bool>();
                        inputs.AddRange(Enumerable.Repeat(false, events.Count));
                    }

                    events.Add(e.Event);
                    sources.Add(e.Source);
                    inputs?.Add(e.IsInput);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new AppendTick(header.Tick, events.ToImmutable(), sources.ToImmutable(), header.Checksum, header.Digest, header.Version) { Inputs = inputs?.ToImmutable() ?? [] };
    }

    /// <summary>The bytes of the value whose first token the reader is on (the reader moves to its end).</summary>
    private static ReadOnlySpan<byte> RawValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return utf8[start..(int)reader.BytesConsumed];
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string manifest)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new SerializationException($"Corrupt '{manifest}' payload: expected {token}.");
        }
    }

    private static JournaledEvent FromDto(EventDto dto)
    {
        try
        {
            return new JournaledEvent(Event.FromJson(dto.Event), dto.Source);
        }
        catch (EventLogFormatException ex)
        {
            throw new SerializationException($"Corrupt 'ev1' payload: {ex.Message}", ex);
        }
    }

    private static TickMarker FromDto(TickDto dto, int version) => new(dto.Tick, dto.Count, dto.Checksum, dto.Digest ?? 0, version);

    private static AppendTick FromDto(TickSnapshotDto dto)
    {
        var events = dto.Events.Select(FromDto).ToImmutableArray();
        return new AppendTick(dto.Tick, [.. events.Select(e => e.Event)], [.. events.Select(e => e.Source)], dto.Checksum);
    }
}

/// <summary>The <c>ev1</c> payload: the event's seed-format JSON line and its source entity.</summary>
internal sealed record EventDto(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("source")] string? Source);

/// <summary>The <c>tick1</c> and <c>tick2</c> payloads (<c>tick2</c> adds the digest of the tick's events).</summary>
internal sealed record TickDto(
    [property: JsonPropertyName("tick")] long Tick,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("checksum")] long Checksum,
    [property: JsonPropertyName("digest"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Digest = null);

/// <summary>One tick inside a <c>snap1</c> payload.</summary>
internal sealed record TickSnapshotDto(
    [property: JsonPropertyName("tick")] long Tick,
    [property: JsonPropertyName("checksum")] long Checksum,
    [property: JsonPropertyName("events")] EventDto[] Events);

/// <summary>The <c>snap1</c> payload.</summary>
internal sealed record SnapshotDto([property: JsonPropertyName("ticks")] TickSnapshotDto[] Ticks);

/// <summary>The <c>proj1</c> payload.</summary>
internal sealed record ProjectionDto(
    [property: JsonPropertyName("offset")] long Offset,
    [property: JsonPropertyName("last_tick")] long LastTick,
    [property: JsonPropertyName("state")] string State);

[JsonSerializable(typeof(EventDto))]
[JsonSerializable(typeof(ProjectionDto))]
[JsonSerializable(typeof(TickDto))]
[JsonSerializable(typeof(SnapshotDto))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
