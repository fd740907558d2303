namespace Eventure.TestSupport.Chaos;

/// <summary>
/// A stable 64-bit hash for chaos decisions (FNV-1a over the parts, with a final avalanche), the same in every process
/// and run: decisions hash the plan's seed, the entity id and the event id or tick, never anything that depends on timing.
/// </summary>
internal static class ChaosHash
{
    /// <summary>The hash of nothing.</summary>
    public const ulong Start = 14695981039346656037UL;

    private const ulong Prime = 1099511628211UL;

    /// <summary>Folds <paramref name="value"/> into <paramref name="hash"/>.</summary>
    public static ulong Mix(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(value >> (i * 8))) * Prime;
        }

        return Avalanche(hash);
    }

    /// <summary>Folds <paramref name="text"/> (its UTF-16 code units) into <paramref name="hash"/>.</summary>
    public static ulong Mix(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        hash = (hash ^ 0xFF) * Prime;
        return Avalanche(hash);
    }

    private static ulong Avalanche(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        return h ^ (h >> 33);
    }
}
