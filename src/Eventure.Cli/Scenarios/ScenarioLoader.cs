using System.Reflection;
using Eventure.Actors;

namespace Eventure.Cli.Scenarios;

/// <summary>
/// Finds a simulation's <see cref="ISimulationScenario"/> in a user's assembly: the public, non-abstract class with a
/// public parameterless constructor whose <see cref="ISimulationScenario.Id"/> is the simulation id.
/// </summary>
internal static class ScenarioLoader
{
    /// <summary>Loads <paramref name="path"/> in its own <see cref="ScenarioLoadContext"/> and creates the scenario of <paramref name="simulationId"/>.</summary>
    /// <exception cref="CliException">No such file, the assembly does not load, or no (or more than one) scenario has that id.</exception>
    public static ISimulationScenario Load(string path, string simulationId)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliException($"{path} is a folder; name the scenario assembly (a .dll).");
        }

        if (!File.Exists(full))
        {
            throw new CliException($"No such file: {path}");
        }

        var scenarios = ScenariosIn(LoadAssembly(full, path), path);
        var matching = scenarios.Where(s => s.Id == simulationId).ToList();
        return matching.Count switch
        {
            1 => matching[0],
            0 when scenarios.Count == 0 => throw new CliException($"{path} holds no scenario: no public class implementing ISimulationScenario with a public parameterless constructor."),
            0 => throw new CliException($"No scenario '{simulationId}' in {path} (it has: {string.Join(", ", scenarios.Select(s => s.Id))})."),
            _ => throw new CliException($"Several scenarios in {path} have the id '{simulationId}' ({string.Join(", ", matching.Select(s => s.GetType().FullName))})."),
        };
    }

    private static Assembly LoadAssembly(string full, string path)
    {
        try
        {
            return new ScenarioLoadContext(full).LoadFromAssemblyPath(full);
        }
        catch (BadImageFormatException)
        {
            throw new CliException($"Cannot load {path}: it is not a .NET assembly.");
        }
        catch (FileLoadException ex)
        {
            throw new CliException($"Cannot load {path}: {ex.Message}", ex);
        }
    }

    /// <summary>One instance of every scenario class, in type-name order.</summary>
    private static List<ISimulationScenario> ScenariosIn(Assembly assembly, string path)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception ex) when (ex is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            var cause = ex is ReflectionTypeLoadException { LoaderExceptions: [{ } first, ..] } ? first : ex;
            throw new CliException($"Cannot load the types of {path}: {cause.Message}", ex);
        }

        return [.. types
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISimulationScenario).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => Create(t, path))];
    }

    private static ISimulationScenario Create(Type type, string path)
    {
        try
        {
            return (ISimulationScenario)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
        {
            throw new CliException($"Creating the scenario {type.FullName} of {path} failed: {inner.GetType().Name}: {inner.Message}", ex);
        }
    }
}
