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

    /// <summary>Whether <paramref name="type"/> derives from the generic type definition <paramref name="definition"/>.</summary>
    public static bool IsAssignableFromGeneric(this Type definition, Type? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == definition)
            {
                return true;
            }
        }

        return false;
    }
}
