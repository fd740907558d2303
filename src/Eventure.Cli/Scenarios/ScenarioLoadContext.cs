using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Eventure.Cli.Scenarios;

/// <summary>
/// Where a user's scenario assembly is loaded: its own dependencies come from beside it (through its
/// <c>.deps.json</c> when it has one, else by file name in its folder), while Eventure's and Akka's assemblies and the
/// .NET runtime's are the CLI's own, so <c>ISimulationScenario</c>, <c>Simulation</c>, <c>SimulationEntity</c> and
/// <c>Props</c> are the very types the CLI uses (a copy of <c>Eventure.Actors.dll</c> beside the scenario is ignored).
/// </summary>
internal sealed class ScenarioLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _folder;

    public ScenarioLoadContext(string assemblyPath)
        : base($"eventure-scenario {Path.GetFileName(assemblyPath)}", isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(assemblyPath);
        _folder = Path.GetDirectoryName(assemblyPath)!;
    }

    /// <summary>Whether <paramref name="name"/> is shared with the CLI: Eventure, Akka, and the .NET runtime's own assemblies.</summary>
    internal static bool IsShared(AssemblyName name) => name.Name is { } simple
        && (simple is "Eventure" or "Akka"
            || simple.StartsWith("Eventure.", StringComparison.Ordinal)
            || simple.StartsWith("Akka.", StringComparison.Ordinal)
            || File.Exists(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), simple + ".dll")));

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName) && FromCli(assemblyName) is { } shared)
        {
            return shared;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName) ?? Beside(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <inheritdoc />
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    /// <summary>The CLI's copy, or null when the CLI has none (then the scenario's own copy is used).</summary>
    private static Assembly? FromCli(AssemblyName name)
    {
        try
        {
            return Default.LoadFromAssemblyName(name);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException)
        {
            return null;
        }
    }

    private string? Beside(AssemblyName name)
    {
        var path = Path.Combine(_folder, name.Name + ".dll");
        return File.Exists(path) ? path : null;
    }
}
