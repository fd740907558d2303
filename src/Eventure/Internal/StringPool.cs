using System.Text.Json;

namespace Eventure.Internal;

/// <summary>
/// De-duplicates the short strings of a load (property names, event types, small values), so a large log
/// keeps one copy of each instead of one per line, and parsing allocates less.
/// </summary>
internal sealed class StringPool
{
    private const int MaxPooledBytes = 48;
    private const int MaxEntries = 100_000;

    [ThreadStatic]
    private static StringPool? t_shared;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _maxEntries;

    public StringPool(int maxEntries = MaxEntries)
    {
        _maxEntries = maxEntries;
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// A small pool kept per thread for single-line parses (<c>Event.FromJson</c>, journal payloads): types and
    /// keys repeat across calls, and a fresh pool per call would cost more than it saves.
    /// </summary>
    public static StringPool Shared => t_shared ??= new StringPool(maxEntries: 4_096);

    /// <summary>The string at the reader's current token (a string value or a property name).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length > MaxPooledBytes)
        {
            return reader.GetString()!;
        }

        Span<char> buffer = stackalloc char[MaxPooledBytes];
        var chars = buffer[..reader.CopyString(buffer)];
        if (_lookup.TryGetValue(chars, out var pooled))
        {
            return pooled;
        }

        var text = new string(chars);
        if (_strings.Count < _maxEntries)
        {
            _strings.Add(text);
        }

        return text;
    }
}
