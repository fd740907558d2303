namespace Eventure.Actors;

/// <summary>Stable (process-independent) hashing for seeds and checksums: FNV-1a, 64 bit.</summary>
internal static class StableSeed
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>A 32-bit seed derived from the simulation seed, an entity id and a tick.</summary>
    public static int Derive(int simulationSeed, string entityId, long tick)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        var hash = Mix(OffsetBasis, (ulong)(uint)simulationSeed);
        hash = Mix(hash, entityId);
        hash = Mix(hash, (ulong)tick);
        return (int)(hash ^ (hash >> 32));
    }

    /// <summary>Folds <paramref name="value"/> into an FNV-1a hash.</summary>
    public static ulong Mix(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash ^= (byte)(value >> (8 * i));
            hash *= Prime;
        }

        return hash;
    }

    /// <summary>Folds the UTF-16 code units of <paramref name="text"/> into an FNV-1a hash.</summary>
    public static ulong Mix(ulong hash, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            hash ^= (byte)c;
            hash *= Prime;
            hash ^= (byte)(c >> 8);
            hash *= Prime;
        }

        return hash;
    }

    /// <summary>The FNV-1a offset basis, the start of every hash.</summary>
    public static ulong Start => OffsetBasis;

    /// <summary>A checksum of <paramref name="text"/>.</summary>
    public static long Of(string text) => (long)Mix(OffsetBasis, text);
}
