namespace Eventure.Actors;

/// <summary>Small helpers over sequences, for the actor shells.</summary>
internal static class Sequences
{
    /// <summary>Runs <paramref name="action"/> for every item, in order.</summary>
    public static void ForEach<T>(this IEnumerable<T> items, Action<T> action)
    {
        foreach (var item in items)
        {
            action(item);
        }
    }
}
