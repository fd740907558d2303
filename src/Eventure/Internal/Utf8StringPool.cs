using System.Text;
using System.Text.Json;

namespace Eventure.Internal;

/// <summary>
/// De-duplicates short ASCII strings read straight from UTF-8 (property names, event types, small values), so a
/// large load keeps one copy of each and parsing allocates only for strings it has not seen. One pool serves
/// one thread.
/// </summary>
/// <remarks>
/// An open-addressing table of (hash, string); hashes come from <see cref="HashCode"/>, which is seeded per
/// process, so crafted input cannot force collisions. The pool stops adding past its entry limit.
/// </remarks>
internal sealed class Utf8StringPool
{
    public const int MaxPooledBytes = 48;

    [ThreadStatic]
    private static Utf8StringPool? t_shared;

    private readonly int _maxEntries;
    private string?[] _strings = new string?[64];
    private int[] _hashes = new int[64];
    private int _count;

    public Utf8StringPool(int maxEntries = 100_000)
    {
        _maxEntries = maxEntries;
    }

    /// <summary>
    /// A small pool kept per thread for single-line parses (<c>Event.FromJson</c>, journal payloads): types and
    /// keys repeat across calls, and a fresh pool per call would cost more than it saves.
    /// </summary>
    public static Utf8StringPool Shared => t_shared ??= new Utf8StringPool(maxEntries: 4_096);

    /// <summary>The string at the reader's current token (a string value or a property name).</summary>
    public string Get(ref Utf8JsonReader reader) =>
        reader.HasValueSequence || reader.ValueIsEscaped || !Ascii.IsValid(reader.ValueSpan)
            ? reader.GetString()!
            : Get(reader.ValueSpan);

    /// <summary>The string for <paramref name="ascii"/>, which holds ASCII only (no escapes).</summary>
    public string Get(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > MaxPooledBytes)
        {
            return Encoding.ASCII.GetString(ascii);
        }

        var hash = Hash(ascii);
        var mask = _strings.Length - 1;
        var at = hash & mask;
        for (; ; at = (at + 1) & mask)
        {
            var pooled = _strings[at];
            if (pooled is null)
            {
                break;
            }

            if (_hashes[at] == hash && Ascii.Equals(ascii, pooled))
            {
                return pooled;
            }
        }

        var text = Encoding.ASCII.GetString(ascii);
        if (_count < _maxEntries)
        {
            _strings[at] = text;
            _hashes[at] = hash;
            if (++_count > _strings.Length >> 1)
            {
                Grow();
            }
        }

        return text;
    }

    private static int Hash(ReadOnlySpan<byte> ascii)
    {
        var hash = new HashCode();
        hash.AddBytes(ascii);
        return hash.ToHashCode() & int.MaxValue;
    }

    private void Grow()
    {
        var strings = _strings;
        var hashes = _hashes;
        _strings = new string?[strings.Length * 2];
        _hashes = new int[strings.Length * 2];
        var mask = _strings.Length - 1;
        for (var i = 0; i < strings.Length; i++)
        {
            if (strings[i] is not { } text)
            {
                continue;
            }

            var at = hashes[i] & mask;
            while (_strings[at] is not null)
            {
                at = (at + 1) & mask;
            }

            _strings[at] = text;
            _hashes[at] = hashes[i];
        }
    }
}
