using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Eventure.Internal;

namespace Eventure;

/// <summary>
/// The immutable, ordered payload of an <see cref="Event"/>: string keys mapped to JSON-like values.
/// </summary>
/// <remarks>
/// Values are normalized when the payload is built: every integer type becomes <see cref="long"/>, every
/// floating-point type becomes <see cref="double"/> (non-finite values are rejected), nested maps become
/// <see cref="EventData"/> and nested sequences become <see cref="EventDataList"/>. Key order is kept as
/// given. Equality is deep and follows JSON value semantics: numbers compare by value (<c>1</c> equals
/// <c>1.0</c>), a boolean never equals a number, maps compare regardless of key order.
/// </remarks>
/// <example>
/// <code>
/// var data = EventData.From(new Dictionary&lt;string, object?&gt; { ["hp"] = 10, ["name"] = "orc" });
/// long hp = (long)data["hp"]!;
/// </code>
/// </example>
public sealed class EventData : IReadOnlyDictionary<string, object?>, IEquatable<EventData>
{
    private const int LinearSearchLimit = 8;

    private readonly KeyValuePair<string, object?>[] _entries;
    private Dictionary<string, int>? _index;

    private EventData(KeyValuePair<string, object?>[] entries)
    {
        _entries = entries;
    }

    /// <summary>The empty payload.</summary>
    public static EventData Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _entries.Length;

    /// <inheritdoc />
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var entry in _entries)
            {
                yield return entry.Key;
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<object?> Values
    {
        get
        {
            foreach (var entry in _entries)
            {
                yield return entry.Value;
            }
        }
    }

    /// <inheritdoc />
    public object? this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The event data has no key '{key}'.");

    /// <summary>
    /// Builds a deep, normalized, read-only copy of <paramref name="source"/>, keeping its key order.
    /// An <see cref="EventData"/> is returned as it is, because it is already immutable.
    /// </summary>
    /// <param name="source">The entries to copy; <see langword="null"/> gives <see cref="Empty"/>.</param>
    /// <exception cref="EventDataException">A value is not JSON-like, or a number is not finite.</exception>
    public static EventData From(IEnumerable<KeyValuePair<string, object?>>? source) => FromEntries(source, "data");

    internal static EventData FromEntries(IEnumerable<KeyValuePair<string, object?>>? source, string path)
    {
        switch (source)
        {
            case null:
                return Empty;
            case EventData data:
                return data;
            case Dictionary<string, object?> dictionary:
                {
                    if (dictionary.Count == 0)
                    {
                        return Empty;
                    }

                    var entries = new KeyValuePair<string, object?>[dictionary.Count];
                    var i = 0;
                    foreach (var (key, value) in dictionary)
                    {
                        entries[i++] = new(key, DataValue.Normalize(value, path, key));
                    }

                    return new EventData(entries);
                }

            default:
                {
                    var entries = new List<KeyValuePair<string, object?>>();
                    foreach (var (key, value) in source)
                    {
                        if (key is null)
                        {
                            throw new EventDataException($"Event data at '{path}' has a null key.");
                        }

                        entries.Add(new(key, DataValue.Normalize(value, path, key)));
                    }

                    return entries.Count == 0 ? Empty : FromTrustedEntries(DeduplicateKeys(entries));
                }
        }
    }

    /// <summary>
    /// Copies a few entries whose values are already normalized (used by the JSON reader); a repeated key
    /// keeps its first position and its last value, as everywhere else.
    /// </summary>
    internal static EventData FromTrustedSpan(ReadOnlySpan<KeyValuePair<string, object?>> entries)
    {
        if (entries.IsEmpty)
        {
            return Empty;
        }

        return HasRepeatedKey(entries) ? FromTrustedEntries(DeduplicateWithIndex([.. entries])) : new EventData(entries.ToArray());
    }

    /// <summary>Wraps entries whose values are already normalized (used by the JSON reader).</summary>
    internal static EventData FromTrustedEntries(List<KeyValuePair<string, object?>> entries) =>
        entries.Count == 0 ? Empty : new EventData([.. entries]);

    /// <summary>Later duplicates of a key replace the earlier value in place (JSON object semantics).</summary>
    internal static List<KeyValuePair<string, object?>> DeduplicateKeys(List<KeyValuePair<string, object?>> entries)
    {
        // Small maps: a quadratic scan beats allocating a set.
        return entries.Count <= LinearSearchLimit && !HasRepeatedKey(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries))
            ? entries
            : DeduplicateWithIndex(entries);
    }

    /// <summary>Whether a key occurs twice, by a quadratic scan (for small maps).</summary>
    private static bool HasRepeatedKey(ReadOnlySpan<KeyValuePair<string, object?>> entries)
    {
        for (var i = 1; i < entries.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(entries[i].Key, entries[j].Key, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static List<KeyValuePair<string, object?>> DeduplicateWithIndex(List<KeyValuePair<string, object?>> entries)
    {
        var seen = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        List<KeyValuePair<string, object?>>? result = null;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (seen.TryGetValue(entry.Key, out var at))
            {
                result ??= entries.GetRange(0, i);
                result[at] = entry;
                continue;
            }

            seen[entry.Key] = result?.Count ?? i;
            result?.Add(entry);
        }

        return result ?? entries;
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var at = IndexOf(key);
        if (at < 0)
        {
            value = null;
            return false;
        }

        value = _entries[at].Value;
        return true;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The entries in key order, without allocation.</summary>
    internal ReadOnlySpan<KeyValuePair<string, object?>> Entries => _entries;

    /// <inheritdoc />
    public bool Equals(EventData? other) => DataValue.DeepEquals(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EventData other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => DataValue.DeepHash(this);

    /// <summary>Renders the payload as Python renders a dict, e.g. <c>{'hp': 10, 'name': 'orc'}</c>.</summary>
    public override string ToString() => DataValue.Repr(this);

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_entries.Length <= LinearSearchLimit)
        {
            for (var i = 0; i < _entries.Length; i++)
            {
                if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        var index = _index;
        if (index is null)
        {
            index = new Dictionary<string, int>(_entries.Length, StringComparer.Ordinal);
            for (var i = 0; i < _entries.Length; i++)
            {
                index.TryAdd(_entries[i].Key, i);
            }

            _index = index;
        }

        return index.TryGetValue(key, out var at) ? at : -1;
    }
}
