namespace Eventure.Actors.Engine;

/// <summary>
/// The binary digest of a tick (marker version 2): every event's fields and data folded into 64 bits, with no JSON
/// in between, and the tick checksum that adds the entities' state checksums.
/// </summary>
/// <remarks>
/// Values are folded as 64-bit words with FNV-1a's step (xor, then multiply by the 64-bit FNV prime); strings as
/// their length and then four UTF-16 code units per word. Each step is a bijection of the running hash, so a change
/// to any one word of any one event always changes the digest. The format is stored in tick markers: it must never
/// change under the same marker version.
/// </remarks>
internal static class TickDigest
{
    /// <summary>The tick marker version whose checksum and digest this class computes.</summary>
    public const int Version = 2;

    private const ulong Prime = 1099511628211UL;
    private const ulong Start = 14695981039346656037UL;

    // Tags that keep values of different kinds (and the end of a container) apart.
    private const ulong NullTag = 0x4E;
    private const ulong FalseTag = 0x46;
    private const ulong TrueTag = 0x54;
    private const ulong IntegerTag = 0x49;
    private const ulong FloatTag = 0x44;
    private const ulong StringTag = 0x53;
    private const ulong ListTag = 0x4C;
    private const ulong MapTag = 0x4D;
    private const ulong EndTag = 0x45;
    private const ulong NoParent = 0x2D;

    /// <summary>The digest of the events of tick <paramref name="tick"/>, in their log order.</summary>
    public static long Of(long tick, IReadOnlyList<Event> events)
    {
        var hash = Word(Start, (ulong)tick);
        hash = Word(hash, (ulong)events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            hash = Fold(hash, events[i]);
        }

        return (long)hash;
    }

    /// <summary>
    /// The tick checksum: the digest of the tick's events, then every live entity's state checksum in entity-id order.
    /// </summary>
    public static long Checksum(long digest, IEnumerable<long> stateChecksumsInIdOrder)
    {
        var hash = Word(Start, (ulong)digest);
        foreach (var state in stateChecksumsInIdOrder)
        {
            hash = Word(hash, (ulong)state);
        }

        return (long)hash;
    }

    /// <summary>Folds one event into <paramref name="hash"/>.</summary>
    public static ulong Fold(ulong hash, Event e)
    {
        hash = Word(hash, (ulong)e.Tick);
        hash = Word(hash, (ulong)BitConverter.DoubleToInt64Bits(e.Timestamp));
        hash = Id(hash, e);
        hash = Text(hash, e.Type);
        hash = e.ParentId is { } parent ? Text(hash, parent) : Word(hash, NoParent);
        return Map(hash, e.Data);
    }

    private static ulong Map(ulong hash, IReadOnlyDictionary<string, object?> data)
    {
        hash = Word(hash, MapTag);
        hash = Word(hash, (ulong)data.Count);
        foreach (var (key, value) in data)
        {
            hash = Text(hash, key);
            hash = Value(hash, value);
        }

        return Word(hash, EndTag);
    }

    private static ulong Value(ulong hash, object? value) => value switch
    {
        null => Word(hash, NullTag),
        bool b => Word(hash, b ? TrueTag : FalseTag),
        long l => Word(Word(hash, IntegerTag), (ulong)l),
        double d => Word(Word(hash, FloatTag), (ulong)BitConverter.DoubleToInt64Bits(d)),
        string s => Text(Word(hash, StringTag), s),
        IReadOnlyDictionary<string, object?> map => Map(hash, map),
        IReadOnlyList<object?> list => List(hash, list),
        _ => Text(Word(hash, StringTag), value.ToString() ?? string.Empty),
    };

    private static ulong List(ulong hash, IReadOnlyList<object?> list)
    {
        hash = Word(hash, ListTag);
        hash = Word(hash, (ulong)list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            hash = Value(hash, list[i]);
        }

        return Word(hash, EndTag);
    }

    /// <summary>Folds the event's id text, without making a string of a compactly kept standard id.</summary>
    private static ulong Id(ulong hash, Event e)
    {
        if (e.Sequence == 0)
        {
            return Text(hash, e.Id);
        }

        Span<char> id = stackalloc char[Event.MaxCompactIdLength];
        return Text(hash, id[..e.FormatId(id)]);
    }

    private static ulong Text(ulong hash, ReadOnlySpan<char> text)
    {
        hash = Word(hash, (ulong)text.Length);
        var i = 0;
        for (; i + 4 <= text.Length; i += 4)
        {
            hash = Word(hash, text[i] | ((ulong)text[i + 1] << 16) | ((ulong)text[i + 2] << 32) | ((ulong)text[i + 3] << 48));
        }

        ulong tail = 0;
        for (; i < text.Length; i++)
        {
            tail = (tail << 16) | text[i];
        }

        return Word(hash, tail);
    }

    private static ulong Word(ulong hash, ulong word) => (hash ^ word) * Prime;
}
