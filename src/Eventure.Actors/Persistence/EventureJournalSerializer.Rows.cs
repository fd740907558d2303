using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.Serialization;
using System.Text.Json;
using Eventure.Actors.Engine;

namespace Eventure.Actors.Persistence;

/// <summary>
/// The row format: <c>row1</c> (<see cref="TickRow"/>, one row per tick), <c>acc1</c> (<see cref="AcceptedRow"/>)
/// and <c>rt1</c> (<see cref="RuntimeSnapshot"/>). Events are embedded as their seed-format JSON objects; a publish
/// that has no id yet (scheduled or waiting) is embedded the same way with the id <c>"-"</c>.
/// </summary>
internal sealed partial class EventureJournalSerializer
{
    internal const string TickRowManifest = "row1";
    internal const string AcceptedManifest = "acc1";
    internal const string RuntimeSnapshotManifest = "rt1";

    [ThreadStatic]
    private static Eventure.Internal.JsonLineWriter? t_lines;

    /// <summary>Writes <paramref name="e"/>'s seed-format JSON object straight from its UTF-8 line, with no string in between.</summary>
    private static void WriteEventObject(Utf8JsonWriter writer, Event e)
    {
        var lines = t_lines ??= new Eventure.Internal.JsonLineWriter(512);
        lines.Clear();
        lines.WriteEvent(e);
        writer.WriteRawValue(lines.Written, skipInputValidation: true);
    }

    private static byte[] Write(Action<Utf8JsonWriter> write, int capacity = 1024)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(capacity);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] WriteRow(TickRow row) => Write(
        writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("tick", row.Tick);
            writer.WriteNumber("version", row.Version);
            writer.WriteNumber("checksum", row.Checksum);
            writer.WriteNumber("digest", row.Digest);
            writer.WriteStartArray("events");
            foreach (var stored in row.Events)
            {
                writer.WriteStartObject();
                WriteOrigin(writer, stored.Source, stored.Origin);
                writer.WritePropertyName("event");
                WriteEventObject(writer, stored.Event);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WritePending(writer, "scheduled", row.Scheduled);
            writer.WriteStartArray("index");
            foreach (var change in row.Index)
            {
                WriteChange(writer, change.EntityId, change.Pattern, change.Add);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        },
        256 + (row.Events.Length * 160));

    private static byte[] WriteAccepted(AcceptedRow row) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("tick", row.Tick);
        WritePending(writer, "events", row.Events);
        writer.WriteStartArray("joins");
        foreach (var joined in row.Joins)
        {
            writer.WriteStartObject();
            writer.WriteString("entity", joined.EntityId);
            writer.WriteString("kind", joined.Kind);
            writer.WriteStartArray("subscriptions");
            foreach (var subscription in joined.Subscriptions)
            {
                WriteChange(writer, null, subscription.Pattern, subscription.Add);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static byte[] WriteRuntime(RuntimeSnapshot snapshot) => Write(
        writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("last_tick", snapshot.LastTick);
            writer.WriteStartArray("entities");
            foreach (var entity in snapshot.Entities)
            {
                writer.WriteStartObject();
                writer.WriteString("id", entity.EntityId);
                writer.WriteString("kind", entity.Kind);
                if (entity.State is { } state)
                {
                    writer.WritePropertyName("state");
                    writer.WriteRawValue(state);
                    writer.WriteNumber("state_version", entity.StateVersion);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("subscriptions");
            foreach (var (pattern, entityIds) in snapshot.Subscriptions)
            {
                writer.WriteStartObject();
                writer.WriteString("p", pattern);
                writer.WriteStartArray("e");
                foreach (var id in entityIds)
                {
                    writer.WriteStringValue(id);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WritePending(writer, "schedule", snapshot.Schedule);
            WritePending(writer, "waiting", snapshot.Waiting);
            writer.WriteEndObject();
        },
        4096 + (snapshot.Entities.Length * 64));

    private static void WriteOrigin(Utf8JsonWriter writer, string? source, EventOrigin origin)
    {
        if (source is not null)
        {
            writer.WriteString("source", source);
        }

        if (origin != EventOrigin.Entity)
        {
            writer.WriteString("origin", origin == EventOrigin.Input ? "input" : "runtime");
        }
    }

    private static void WritePending(Utf8JsonWriter writer, string name, ImmutableArray<StoredPending> events)
    {
        writer.WriteStartArray(name);
        foreach (var pending in events)
        {
            writer.WriteStartObject();
            if (pending.At is { } at)
            {
                writer.WriteNumber("at", at);
            }

            WriteOrigin(writer, pending.Source, pending.Origin);
            writer.WritePropertyName("event");
            WriteEventObject(writer, pending.Event);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteChange(Utf8JsonWriter writer, string? entityId, string pattern, bool add)
    {
        writer.WriteStartObject();
        if (entityId is not null)
        {
            writer.WriteString("e", entityId);
        }

        writer.WriteString("p", pattern);
        writer.WriteBoolean("a", add);
        writer.WriteEndObject();
    }

    // Optimized at first call: a resume in a fresh process parses every row once, mostly before tiered compilation
    // would have replaced the unoptimized code (1M events: 5.9 s -> 2.2 s cold; docs/benchmarks.md).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static TickRow ReadRow(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            Expect(ref reader, JsonTokenType.StartObject, TickRowManifest);
            var header = default(TickHeader);
            var events = ImmutableArray<StoredEvent>.Empty;
            var scheduled = ImmutableArray<StoredPending>.Empty;
            var index = ImmutableArray<IndexChange>.Empty;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (header.TryRead(ref reader))
                {
                    continue;
                }

                if (reader.ValueTextEquals("events"u8))
                {
                    events = ReadStoredEvents(ref reader, utf8);
                }
                else if (reader.ValueTextEquals("scheduled"u8))
                {
                    scheduled = ReadPending(ref reader, utf8);
                }
                else if (reader.ValueTextEquals("index"u8))
                {
                    index = [.. ReadChanges(ref reader).Select(c => new IndexChange(c.EntityId!, c.Pattern, c.Add))];
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return new TickRow(header.Tick, events, scheduled, index, header.Checksum, header.Digest, header.Version);
        }
        catch (Exception ex) when (ex is JsonException or EventLogFormatException or InvalidOperationException or FormatException)
        {
            throw new SerializationException($"Corrupt '{TickRowManifest}' payload: {ex.Message}", ex);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ImmutableArray<StoredEvent> ReadStoredEvents(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        Expect(ref reader, JsonTokenType.StartArray, TickRowManifest);
        var events = ImmutableArray.CreateBuilder<StoredEvent>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var (_, source, origin, e) = ReadEntry(ref reader, utf8);
            events.Add(new StoredEvent(e, source, origin));
        }

        return events.ToImmutable();
    }

    private static ImmutableArray<StoredPending> ReadPending(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        Expect(ref reader, JsonTokenType.StartArray, TickRowManifest);
        var events = ImmutableArray.CreateBuilder<StoredPending>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var (at, source, origin, e) = ReadEntry(ref reader, utf8);
            events.Add(new StoredPending(e, at, source, origin));
        }

        return events.ToImmutable();
    }

    /// <summary>One <c>{"at"?, "source"?, "origin"?, "event"}</c> object; the reader is on its start.</summary>
    private static (long? At, string? Source, EventOrigin Origin, Event Event) ReadEntry(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        long? at = null;
        string? source = null;
        EventOrigin? origin = null;
        Event? e = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("source"u8))
            {
                reader.Read();
                source = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            }
            else if (reader.ValueTextEquals("origin"u8))
            {
                reader.Read();
                origin = reader.ValueTextEquals("input"u8) ? EventOrigin.Input : EventOrigin.Runtime;
            }
            else if (reader.ValueTextEquals("at"u8))
            {
                reader.Read();
                at = reader.GetInt64();
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

        if (e is null)
        {
            throw new SerializationException("Corrupt journal row: an entry without an event.");
        }

        return (at, source, origin ?? TickRow.OriginOf(e, source), e);
    }

    private static List<(string? EntityId, string Pattern, bool Add)> ReadChanges(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray, TickRowManifest);
        var changes = new List<(string?, string, bool)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? entity = null;
            string? pattern = null;
            var add = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "e":
                        entity = reader.GetString();
                        break;
                    case "p":
                        pattern = reader.GetString();
                        break;
                    case "a":
                        add = reader.GetBoolean();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            changes.Add((entity, pattern ?? throw new SerializationException("Corrupt journal row: a subscription change without a pattern."), add));
        }

        return changes;
    }

    private static AcceptedRow ReadAccepted(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        Expect(ref reader, JsonTokenType.StartObject, AcceptedManifest);
        long tick = 0;
        var events = ImmutableArray<StoredPending>.Empty;
        var joins = ImmutableArray.CreateBuilder<Joined>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("tick"u8))
            {
                reader.Read();
                tick = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("events"u8))
            {
                events = ReadPending(ref reader, utf8);
            }
            else if (reader.ValueTextEquals("joins"u8))
            {
                Expect(ref reader, JsonTokenType.StartArray, AcceptedManifest);
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    string? entity = null, kind = null;
                    var subscriptions = ImmutableArray<SubscriptionChange>.Empty;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("subscriptions"u8))
                        {
                            subscriptions = [.. ReadChanges(ref reader).Select(c => new SubscriptionChange(c.Pattern, c.Add))];
                            continue;
                        }

                        var name = reader.GetString();
                        reader.Read();
                        (entity, kind) = name switch
                        {
                            "entity" => (reader.GetString(), kind),
                            "kind" => (entity, reader.GetString()),
                            _ => (entity, kind),
                        };
                    }

                    joins.Add(new Joined(entity ?? throw new SerializationException("Corrupt 'acc1' payload: a join without an entity."), kind ?? string.Empty, subscriptions));
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new AcceptedRow(tick, events, joins.ToImmutable());
    }

    private static RuntimeSnapshot ReadRuntime(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        Expect(ref reader, JsonTokenType.StartObject, RuntimeSnapshotManifest);
        long lastTick = -1;
        var entities = ImmutableArray.CreateBuilder<SnapshotEntity>();
        var subscriptions = ImmutableArray.CreateBuilder<(string, ImmutableArray<string>)>();
        ImmutableArray<StoredPending> schedule = [], waiting = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("last_tick"u8))
            {
                reader.Read();
                lastTick = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("entities"u8))
            {
                Expect(ref reader, JsonTokenType.StartArray, RuntimeSnapshotManifest);
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    string? id = null, kind = null, state = null;
                    var version = 0;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = reader.GetString();
                        reader.Read();
                        switch (name)
                        {
                            case "id":
                                id = reader.GetString();
                                break;
                            case "kind":
                                kind = reader.GetString();
                                break;
                            case "state_version":
                                version = reader.GetInt32();
                                break;
                            case "state":
                                state = System.Text.Encoding.UTF8.GetString(RawValue(ref reader, utf8));
                                break;
                            default:
                                reader.Skip();
                                break;
                        }
                    }

                    entities.Add(new SnapshotEntity(id ?? throw new SerializationException("Corrupt 'rt1' payload: an entity without an id."), kind ?? string.Empty, state, version));
                }
            }
            else if (reader.ValueTextEquals("subscriptions"u8))
            {
                Expect(ref reader, JsonTokenType.StartArray, RuntimeSnapshotManifest);
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    string? pattern = null;
                    var ids = ImmutableArray.CreateBuilder<string>();
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = reader.GetString();
                        reader.Read();
                        if (name == "p")
                        {
                            pattern = reader.GetString();
                        }
                        else if (name == "e" && reader.TokenType == JsonTokenType.StartArray)
                        {
                            while (reader.Read() && reader.TokenType == JsonTokenType.String)
                            {
                                ids.Add(reader.GetString()!);
                            }
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    subscriptions.Add((pattern ?? throw new SerializationException("Corrupt 'rt1' payload: a pattern without text."), ids.ToImmutable()));
                }
            }
            else if (reader.ValueTextEquals("schedule"u8))
            {
                schedule = ReadPending(ref reader, utf8);
            }
            else if (reader.ValueTextEquals("waiting"u8))
            {
                waiting = ReadPending(ref reader, utf8);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new RuntimeSnapshot(lastTick, entities.ToImmutable(), subscriptions.ToImmutable(), schedule, waiting);
    }

    /// <summary>The numbers every stored tick carries (<c>tick</c>, <c>checksum</c>, <c>digest</c>, <c>version</c>), read in any order.</summary>
    private struct TickHeader
    {
        public long Tick;
        public long Checksum;
        public long Digest;
        public int Version;

        /// <summary>Reads the property the reader is on if it is one of them; false (nothing read) otherwise.</summary>
        public bool TryRead(ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("tick"u8))
            {
                reader.Read();
                Tick = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("checksum"u8))
            {
                reader.Read();
                Checksum = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("digest"u8))
            {
                reader.Read();
                Digest = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                reader.Read();
                Version = reader.GetInt32();
            }
            else
            {
                return false;
            }

            return true;
        }
    }
}
