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

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool()
    {
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The string at the reader's current token (a string value or a property name).</summary>
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
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(text);
        }

        return text;
    }
}
