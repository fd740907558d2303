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
    // The id as text: given, or formatted from the sequence on first use (a benign race: every thread that
    // formats it gets an equal string). Generated and loaded standard ids keep only the sequence, which saves
    // a string per event.
    private string? _id;
    private readonly int _sequence;

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
        : this(tick, timestamp, type, EventData.FromEntries(data, "data"), id ?? throw new ArgumentNullException(nameof(id)), 0, parentId)
    {
    }

    private Event(long tick, double timestamp, string type, EventData data, string? id, int sequence, string? parentId)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!double.IsFinite(timestamp))
        {
            throw new EventDataException(
                $"Event '{id}' ({type}) has timestamp {timestamp.ToString(CultureInfo.InvariantCulture)}; timestamps must be finite.");
        }

        Tick = tick;
        Timestamp = timestamp;
        Type = type;
        Data = data;
        _id = id;
        _sequence = sequence;
        ParentId = parentId;
    }

    /// <summary>Creates an event from an already frozen payload (no copy).</summary>
    internal static Event Create(long tick, double timestamp, string type, EventData data, string id, string? parentId) =>
        new(tick, timestamp, type, data, id ?? throw new ArgumentNullException(nameof(id)), 0, parentId);

    /// <summary>
    /// Creates an event whose id is the standard <c>{tick}-{TypeHash(type)}-{sequence}</c>, kept as the sequence
    /// number alone: the id text is made only when someone asks for <see cref="Id"/>.
    /// </summary>
    internal static Event Create(long tick, double timestamp, string type, EventData data, long sequence, string? parentId) =>
        sequence is > 0 and <= int.MaxValue
            ? new(tick, timestamp, type, data, null, (int)sequence, parentId)
            : new(tick, timestamp, type, data, EventId.Format(tick, EventId.TypeHash(type), sequence), 0, parentId);

    /// <summary>The simulation tick the event belongs to.</summary>
    public long Tick { get; }

    /// <summary>Seconds since the Unix epoch (UTC), from the log's clock.</summary>
    public double Timestamp { get; }

    /// <summary>The event type, e.g. <c>player.move</c>.</summary>
    public string Type { get; }

    /// <summary>
    /// The payload: a deep, read-only copy that keeps key order. Read it as a dictionary, or without boxing
    /// through its typed accessors (<see cref="EventData.GetInt64"/>, ...).
    /// </summary>
    public EventData Data { get; }

    /// <summary>The event id, in the seed format <c>{tick}-{HASH}-{seq}</c> unless given explicitly.</summary>
    public string Id => _id ?? FormatId();

    /// <summary>
    /// The sequence number of a standard id kept compactly (the id is <c>{Tick}-{TypeHash(Type)}-{Sequence}</c>),
    /// or 0 when the id is kept as given.
    /// </summary>
    internal int Sequence => _sequence;

    /// <summary>The id of the event that caused this one, or <see langword="null"/> for a root event.</summary>
    public string? ParentId { get; }

    /// <summary>Serializes the event as one line of JSON, byte-compatible with the Python original.</summary>
    /// <remarks>
    /// Keys in the order <c>tick, timestamp, type, data, event_id, parent_id</c>; <c>", "</c> and
    /// <c>": "</c> separators; non-ASCII characters as <c>\uXXXX</c>; floats in shortest round-trip form.
    /// </remarks>
    public string ToJson()
    {
        var writer = new JsonLineWriter();
        writer.WriteEvent(this);
        return writer.ToString();
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
        if (FastLineParser.Shared.TryParse(utf8Json, out var parsed))
        {
            return parsed.ToEvent(ids);
        }

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
                && IdEquals(other)
                && string.Equals(ParentId, other.ParentId, StringComparison.Ordinal)
                && Data.Equals(other.Data)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Event other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Tick, Timestamp, StringComparer.Ordinal.GetHashCode(Type), IdHash(), Data.GetHashCode());

    /// <summary>The longest id text a compact id formats to.</summary>
    internal const int MaxCompactIdLength = EventId.MaxStandardLength;

    /// <summary>The ordinal hash of <see cref="Id"/>, without making the id text.</summary>
    internal int IdHash()
    {
        if (_id is { } id)
        {
            return string.GetHashCode(id.AsSpan());
        }

        Span<char> text = stackalloc char[MaxCompactIdLength];
        return string.GetHashCode(text[..FormatId(text)]);
    }

    /// <summary>Whether <see cref="Id"/> is <paramref name="id"/>, without making the id text.</summary>
    internal bool IdEquals(ReadOnlySpan<char> id)
    {
        if (_id is { } text)
        {
            return id.SequenceEqual(text);
        }

        Span<char> buffer = stackalloc char[MaxCompactIdLength];
        return id.SequenceEqual(buffer[..FormatId(buffer)]);
    }

    /// <summary>Whether the two events have the same id, without making id text where possible.</summary>
    internal bool IdEquals(Event other)
    {
        if (_sequence > 0 && other._sequence > 0)
        {
            return _sequence == other._sequence && Tick == other.Tick
                && (ReferenceEquals(Type, other.Type) || string.Equals(EventId.TypeHash(Type), EventId.TypeHash(other.Type), StringComparison.Ordinal));
        }

        if (other._id is { } text)
        {
            return IdEquals(text);
        }

        return other.IdEquals(Id);
    }

    /// <summary>Writes the compact id into <paramref name="destination"/> (at least <see cref="MaxCompactIdLength"/> chars).</summary>
    internal int FormatId(Span<char> destination) => EventId.Format(destination, Tick, EventId.TypeHash(Type), _sequence);

    private string FormatId()
    {
        Span<char> text = stackalloc char[MaxCompactIdLength];
        var id = new string(text[..FormatId(text)]);
        _id = id;
        return id;
    }

    /// <summary>A readable form in the style of the original's repr.</summary>
    public override string ToString() =>
        $"Event(tick={Tick.ToString(CultureInfo.InvariantCulture)}, timestamp={PythonFloat.Format(Timestamp)}, type={DataValue.Repr(Type)}, " +
        $"data={DataValue.Repr(Data)}, id={DataValue.Repr(Id)}, parent_id={DataValue.Repr(ParentId)})";
}
