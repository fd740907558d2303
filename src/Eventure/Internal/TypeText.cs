using System.Runtime.CompilerServices;

namespace Eventure.Internal;

/// <summary>
/// What the JSON writer writes for one event type, encoded once: <c>, "type": "T", "data": </c> and the
/// <c>-HASH-</c> middle of its standard ids. A small process-wide cache keeps the recent types; a log has few.
/// </summary>
internal sealed class TypeText
{
    private const int Slots = 256;
    private static readonly TypeText?[] Cache = new TypeText?[Slots];

    private TypeText(string type, byte[] prefix, byte[] hash)
    {
        Type = type;
        Prefix = prefix;
        Hash = hash;
    }

    public string Type { get; }

    /// <summary><c>, "type": "T", "data": </c>, escaped as JSON.</summary>
    public byte[] Prefix { get; }

    /// <summary><c>-HASH-</c>: what stands between the tick and the sequence of a standard id.</summary>
    public byte[] Hash { get; }

    /// <summary>The text of <paramref name="type"/>, from the cache when the type (or an equal string) was seen.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TypeText Of(string type)
    {
        var slot = SlotOf(type);
        var cached = Volatile.Read(ref Cache[slot]);
        if (cached is not null && (ReferenceEquals(cached.Type, type) || string.Equals(cached.Type, type, StringComparison.Ordinal)))
        {
            return cached;
        }

        return Create(type, slot);
    }

    private static int SlotOf(string type) =>
        type.Length == 0 ? 0 : ((type.Length * 31) + (type[^1] * 7) + type[type.Length / 2]) & (Slots - 1);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TypeText Create(string type, int slot)
    {
        var text = new TypeText(type, JsonLineWriter.EncodeTypePrefix(type), System.Text.Encoding.ASCII.GetBytes($"-{EventId.TypeHash(type)}-"));
        Volatile.Write(ref Cache[slot], text);
        return text;
    }
}
