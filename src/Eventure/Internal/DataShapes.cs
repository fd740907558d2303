using System.Runtime.CompilerServices;

namespace Eventure.Internal;

/// <summary>
/// The process-wide intern table of <see cref="DataShape"/>s and their keys. Every payload, whether built by
/// a log, an actor or the loader, gets its shape here, so equal key sequences share one shape and one string
/// per key. Each thread keeps a small cache in front of the table, so the hot path takes no lock.
/// </summary>
/// <remarks>
/// The table is bounded (<see cref="MaxShapes"/>): past it, shapes are still correct but no longer shared,
/// so a stream of ever-new keys cannot grow memory without limit.
/// </remarks>
internal static class DataShapes
{
    public const int MaxShapes = 1 << 16;
    private const int CacheSize = 64;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal);
    private static readonly Dictionary<int, DataShape> Buckets = [];
    private static int s_count;

    [ThreadStatic]
    private static DataShape?[]? t_cache;

    /// <summary>The shared shape with these keys and kinds (keys are compared by value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DataShape Get(ReadOnlySpan<string> keys, ReadOnlySpan<DataKind> kinds)
    {
        if (keys.IsEmpty)
        {
            return DataShape.Empty;
        }

        var cache = t_cache ??= new DataShape?[CacheSize];
        ref var cached = ref cache[CacheSlot(keys, kinds)];
        if (cached is { } hit && hit.Matches(keys, kinds))
        {
            return hit;
        }

        var shape = Intern(keys, kinds);
        cached = shape;
        return shape;
    }

    /// <summary>The content hash of a shape: ordinal hashes of the keys and the kinds, in order.</summary>
    public static int HashOf(ReadOnlySpan<string> keys, ReadOnlySpan<DataKind> kinds)
    {
        var hash = new HashCode();
        for (var i = 0; i < keys.Length; i++)
        {
            hash.Add(string.GetHashCode(keys[i].AsSpan()));
            hash.Add((byte)kinds[i]);
        }

        return hash.ToHashCode();
    }

    /// <summary>A cheap slot for the per-thread cache: lengths, first and last characters, kinds.</summary>
    private static int CacheSlot(ReadOnlySpan<string> keys, ReadOnlySpan<DataKind> kinds)
    {
        uint hash = (uint)keys.Length;
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            var chars = key.Length == 0 ? 0u : key[0] | ((uint)key[^1] << 8);
            hash = (hash * 31) + (uint)key.Length + (chars * 17) + (uint)kinds[i];
        }

        return (int)((hash ^ (hash >> 7)) & (CacheSize - 1));
    }

    private static DataShape Intern(ReadOnlySpan<string> keys, ReadOnlySpan<DataKind> kinds)
    {
        var hash = HashOf(keys, kinds);
        lock (Gate)
        {
            Buckets.TryGetValue(hash, out var head);
            for (var shape = head; shape is not null; shape = shape.Next)
            {
                if (shape.Matches(keys, kinds))
                {
                    return shape;
                }
            }

            var full = s_count >= MaxShapes;
            var keyCopy = new string[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                keyCopy[i] = full ? keys[i] : InternKey(keys[i]);
            }

            var created = new DataShape(keyCopy, kinds.ToArray(), hash);
            if (!full)
            {
                created.Next = head;
                Buckets[hash] = created;
                s_count++;
            }

            return created;
        }
    }

    private static string InternKey(string key)
    {
        if (Keys.TryGetValue(key, out var interned))
        {
            return interned;
        }

        Keys.Add(key, key);
        return key;
    }
}
