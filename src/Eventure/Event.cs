using System.Globalization;
using System.Text;
using Eventure.Internal;

namespace Eventure;

/// <summary>
/// One immutable event: what happened (<see cref="Type"/> and <see cref="Data"/>), when (<see cref="Tick"/>
/// and <see cref="Timestamp"/>), its <see cref="Id"/>, and the event that caused it (<see cref="ParentId"/>).
/// </summary>
/// <remarks>
/// Events compare by value, deeply on <see cref="Data"/>. The payload is copied and frozen at construction,
/// so changing the dictionary that was passed in never changes a logged event. Non-finite numbers are
/// rejected, because they cannot be written as JSON. <see cref="ToJson"/> writes exactly the line format of
/// the Python original, so files move freely between the two.
/// </remarks>
/// <example>
/// <code>
/// var e = new Event(3, 1700000000.5, "user.login", new Dictionary&lt;string, object?&gt; { ["u"] = 1 }, "3-EFCF-1");
/// string line = e.ToJson();
/// // {"tick": 3, "timestamp": 1700000000.5, "type": "user.login", "data": {"u": 1}, "event_id": "3-EFCF-1", "parent_id": null}
/// </code>
/// </example>
public sealed class Event : IEquatable<Event>
{
    /// <summary>Creates an event, copying and normalizing <paramref name="data"/>.</summary>
    /// <param name="tick">The simulation tick the event belongs to.</param>
    /// <param name="timestamp">Seconds since the Unix epoch (UTC); must be finite.</param>
    /// <param name="type">The event type, e.g. <c>player.move</c>.</param>
    /// <param name="data">The payload; <see langword="null"/> means empty.</param>
    /// <param name="id">The event id, kept as given (ids are opaque).</param>
    /// <param name="parentId">The id of the event that caused this one, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> or <paramref name="id"/> is null.</exception>
    /// <exception cref="EventDataException">The timestamp or a data value is not finite, or a value is not JSON-like.</exception>
    public Event(long tick, double timestamp, string type, IReadOnlyDictionary<string, object?>? data, string id, string? parentId = null)
        : this(tick, timestamp, type, EventData.FromEntries(data, "data"), id, parentId)
    {
    }

    private Event(long tick, double timestamp, string type, EventData data, string id, string? parentId)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(id);
        if (!double.IsFinite(timestamp))
        {
            throw new EventDataException(
                $"Event '{id}' ({type}) has timestamp {timestamp.ToString(CultureInfo.InvariantCulture)}; timestamps must be finite.");
        }

        Tick = tick;
        Timestamp = timestamp;
        Type = type;
        Data = data;
        Id = id;
        ParentId = parentId;
    }

    /// <summary>Creates an event from an already frozen payload (no copy).</summary>
    internal static Event Create(long tick, double timestamp, string type, EventData data, string id, string? parentId) =>
        new(tick, timestamp, type, data, id, parentId);

    /// <summary>The simulation tick the event belongs to.</summary>
    public long Tick { get; }

    /// <summary>Seconds since the Unix epoch (UTC), from the log's clock.</summary>
    public double Timestamp { get; }

    /// <summary>The event type, e.g. <c>player.move</c>.</summary>
    public string Type { get; }

    /// <summary>The payload: a deep, read-only copy that keeps key order (an <see cref="EventData"/>).</summary>
    public IReadOnlyDictionary<string, object?> Data { get; }

    /// <summary>The event id, in the seed format <c>{tick}-{HASH}-{seq}</c> unless given explicitly.</summary>
    public string Id { get; }

    /// <summary>The id of the event that caused this one, or <see langword="null"/> for a root event.</summary>
    public string? ParentId { get; }

    internal EventData Payload => (EventData)Data;

    /// <summary>Serializes the event as one line of JSON, byte-compatible with the Python original.</summary>
    /// <remarks>
    /// Keys in the order <c>tick, timestamp, type, data, event_id, parent_id</c>; <c>", "</c> and
    /// <c>": "</c> separators; non-ASCII characters as <c>\uXXXX</c>; floats in shortest round-trip form.
    /// </remarks>
    public string ToJson()
    {
        var builder = new StringBuilder(128);
        EventJson.Write(builder, this);
        return builder.ToString();
    }

    /// <summary>Parses one JSON line written by <see cref="ToJson"/> or by the Python original.</summary>
    /// <remarks>
    /// <c>tick</c>, <c>timestamp</c>, <c>type</c> and <c>data</c> are required. A missing or null
    /// <c>event_id</c> gets a generated id from a fresh generator (so the result never depends on earlier
    /// calls); pass an <see cref="EventIdGenerator"/> to the other overload to continue a sequence.
    /// Unknown keys, including <c>id</c>, are ignored.
    /// </remarks>
    /// <exception cref="EventLogFormatException">The text is not a valid event line.</exception>
    public static Event FromJson(string json) => FromJson(json, null);

    /// <summary>Parses one event from its UTF-8 JSON form (the seed line format), without a text copy.</summary>
    /// <exception cref="EventLogFormatException">The bytes are not a valid event object.</exception>
    public static Event FromJson(ReadOnlySpan<byte> utf8Json) => FromUtf8(utf8Json, ids: null);

    /// <summary>Parses one JSON line, generating a missing id with <paramref name="ids"/>.</summary>
    /// <exception cref="EventLogFormatException">The text is not a valid event line.</exception>
    public static Event FromJson(string json, EventIdGenerator? ids)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromUtf8(Encoding.UTF8.GetBytes(json), ids);
    }

    private static Event FromUtf8(ReadOnlySpan<byte> utf8Json, EventIdGenerator? ids)
    {
        var record = EventJson.Read(utf8Json, path: null, lineNumber: 0);
        if (record.Event is null)
        {
            throw new EventLogFormatException(null, 0, "expected an event object, found a metadata record.");
        }

        return record.Event.Value.ToEvent(ids);
    }

    /// <inheritdoc />
    public bool Equals(Event? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Tick == other.Tick
                && Timestamp.Equals(other.Timestamp)
                && string.Equals(Type, other.Type, StringComparison.Ordinal)
                && string.Equals(Id, other.Id, StringComparison.Ordinal)
                && string.Equals(ParentId, other.ParentId, StringComparison.Ordinal)
                && Payload.Equals(other.Payload)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Event other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Tick, Timestamp, StringComparer.Ordinal.GetHashCode(Type), StringComparer.Ordinal.GetHashCode(Id), Payload.GetHashCode());

    /// <summary>A readable form in the style of the original's repr.</summary>
    public override string ToString() =>
        $"Event(tick={Tick.ToString(CultureInfo.InvariantCulture)}, timestamp={PythonFloat.Format(Timestamp)}, type={DataValue.Repr(Type)}, " +
        $"data={DataValue.Repr(Payload)}, id={DataValue.Repr(Id)}, parent_id={DataValue.Repr(ParentId)})";
}
