using System.Collections.Concurrent;
using System.Reflection;

namespace Eventure.Actors;

/// <summary>Finds an entity type by its kind-derived name among the loaded assemblies (for resuming unregistered kinds).</summary>
internal static class EntityTypes
{
    private static readonly ConcurrentDictionary<string, Type> Found = new(StringComparer.Ordinal);

    /// <summary>
    /// The one concrete <see cref="SimulationEntity"/> type named <paramref name="name"/> with a public parameterless
    /// constructor in the loaded assemblies (and those the entry assembly references); null when there is none or more
    /// than one.
    /// </summary>
    public static Type? Find(string name)
    {
        if (Found.TryGetValue(name, out var known))
        {
            return known;
        }

        // Only a hit is remembered: an assembly loaded later may still bring the type.
        return Search(name) is { } type ? Found.GetOrAdd(name, type) : null;
    }

    private static Type? Search(string name)
    {
        LoadReferencedAssemblies();
        var candidates = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && References(a))
            .SelectMany(TypesOf)
            .Where(t => t.Name == name && t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(SimulationEntity).IsAssignableFrom(t)
                && t.GetConstructor(Type.EmptyTypes) is not null)
            .Distinct()
            .Take(2)
            .ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    /// <summary>Whether <paramref name="assembly"/> can hold entities: it is this one or references it.</summary>
    private static bool References(Assembly assembly) =>
        assembly == typeof(SimulationEntity).Assembly
        || assembly.GetReferencedAssemblies().Any(r => r.Name == typeof(SimulationEntity).Assembly.GetName().Name);

    private static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }

    /// <summary>Entity types may live in a library the program references but has not touched yet.</summary>
    private static void LoadReferencedAssemblies()
    {
        foreach (var reference in Assembly.GetEntryAssembly()?.GetReferencedAssemblies() ?? [])
        {
            try
            {
                Assembly.Load(reference);
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // Not loadable here: it cannot hold the entity either.
            }
        }
    }
}
