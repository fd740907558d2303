using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Eventure;

/// <summary>
/// The seed's event id format, <c>{tick}-{HASH}-{seq}</c>, and its type hash.
/// </summary>
/// <remarks>
/// The type hash is the MD5 of the type's UTF-8 bytes, written as lowercase hex, with every digit removed,
/// cut to its first four letters and uppercased. Its alphabet is A–F (1,296 values), so different types can
/// share a hash (<c>item.spawn</c> and <c>item.hit</c> are both <c>FDFC</c>), and a digest with fewer than
/// four letters gives a shorter hash (<c>t15101</c> → <c>BCC</c>). Sequence numbers count per
/// (tick, hash), not per type. The format is kept as it is for compatibility with files the Python
/// original wrote; ids are otherwise opaque and never parsed for ordering.
/// </remarks>
/// <example>
/// <code>
/// EventId.TypeHash("player.move");          // "ECBC"
/// EventId.Format(3, "ECBC", 2);             // "3-ECBC-2"
/// </code>
/// </example>
public static class EventId
{
    private const int MaxCachedTypes = 65_536;
    private static readonly ConcurrentDictionary<string, string> HashCache = new(StringComparer.Ordinal);

    /// <summary>The type hash of <paramref name="eventType"/> (cached per type).</summary>
    public static string TypeHash(string eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (HashCache.TryGetValue(eventType, out var hash))
        {
            return hash;
        }

        hash = ComputeTypeHash(eventType);
        if (HashCache.Count < MaxCachedTypes)
        {
            HashCache.TryAdd(eventType, hash);
        }

        return hash;
    }

    /// <summary>Builds the id <c>{tick}-{hash}-{sequence}</c>.</summary>
    public static string Format(long tick, string typeHash, long sequence)
    {
        ArgumentNullException.ThrowIfNull(typeHash);
        Span<char> buffer = stackalloc char[MaxStandardLength + typeHash.Length];
        return new string(buffer[..Format(buffer, tick, typeHash, sequence)]);
    }

    /// <summary>The longest standard id with a type hash of at most 4 letters: 20-character tick and sequence, 2 dashes.</summary>
    internal const int MaxStandardLength = 46;

    /// <summary>Writes <c>{tick}-{hash}-{sequence}</c> into <paramref name="destination"/>; returns its length.</summary>
    internal static int Format(Span<char> destination, long tick, string typeHash, long sequence)
    {
        tick.TryFormat(destination, out var at, provider: CultureInfo.InvariantCulture);
        destination[at++] = '-';
        typeHash.AsSpan().CopyTo(destination[at..]);
        at += typeHash.Length;
        destination[at++] = '-';
        sequence.TryFormat(destination[at..], out var written, provider: CultureInfo.InvariantCulture);
        return at + written;
    }

    /// <summary>
    /// Splits an id written in the standard format. Returns <see langword="false"/> for any other id (ids
    /// may be arbitrary strings; only the standard ones take part in sequence counting).
    /// </summary>
    public static bool TryParse(string? id, out long tick, out string typeHash, out long sequence)
    {
        tick = 0;
        typeHash = string.Empty;
        sequence = 0;
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        var span = id.AsSpan();
        var lastDash = span.LastIndexOf('-');
        if (lastDash <= 0 || !long.TryParse(span[(lastDash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
        {
            return false;
        }

        var head = span[..lastDash];
        var hashDash = head.LastIndexOf('-');
        if (hashDash <= 0)
        {
            return false;
        }

        var hash = head[(hashDash + 1)..];
        if (hash.Length > 4 || hash.ContainsAnyExceptInRange('A', 'F'))
        {
            return false;
        }

        if (!long.TryParse(head[..hashDash], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out tick))
        {
            return false;
        }

        typeHash = hash.ToString();
        return true;
    }

    /// <summary>
    /// The sequence number of <paramref name="id"/> when it is exactly the id a log would generate for an event
    /// of <paramref name="eventType"/> at <paramref name="tick"/> (<c>{tick}-{TypeHash(type)}-{sequence}</c>,
    /// canonical digits, sequence 1 to <see cref="int.MaxValue"/>); otherwise 0.
    /// </summary>
    internal static int TryParseStandard(ReadOnlySpan<char> id, long tick, string eventType)
    {
        var lastDash = id.LastIndexOf('-');
        if (lastDash <= 0 || !int.TryParse(id[(lastDash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence <= 0)
        {
            return 0;
        }

        // Rebuild the canonical text and compare: this rejects leading zeros, signs and any other spelling.
        Span<char> canonical = stackalloc char[MaxStandardLength];
        return id.SequenceEqual(canonical[..Format(canonical, tick, TypeHash(eventType), sequence)]) ? sequence : 0;
    }

    private static string ComputeTypeHash(string eventType)
    {
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(eventType);
#pragma warning disable CA5351 // MD5 is the seed's id format, not a security measure.
        MD5.HashData(bytes, digest);
#pragma warning restore CA5351
        Span<char> letters = stackalloc char[4];
        var count = 0;
        for (var i = 0; i < 2 * digest.Length && count < 4; i++)
        {
            var nibble = i % 2 == 0 ? digest[i / 2] >> 4 : digest[i / 2] & 0xF;
            if (nibble >= 10)
            {
                letters[count++] = (char)('A' + nibble - 10);
            }
        }

        return new string(letters[..count]);
    }
}
