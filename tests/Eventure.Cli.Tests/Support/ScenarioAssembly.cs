using System.Runtime.InteropServices;
using Eventure.Actors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Eventure.Cli.Tests;

/// <summary>
/// The town scenario built the way a user's project builds it, outside the CLI: <c>Town.Scenario.dll</c> with its
/// private dependency <c>Town.Rules.dll</c> beside it, and copies of <c>Eventure.dll</c> and <c>Eventure.Actors.dll</c>
/// there too (as a project reference copies them), which the CLI must not load instead of its own.
/// </summary>
public sealed class ScenarioAssembly : IDisposable
{
    private readonly TempFolder _folder = new();

    public ScenarioAssembly()
    {
        var references = new[] { typeof(object), typeof(Event), typeof(Simulation), typeof(Akka.Actor.ActorSystem) }
            .Select(t => t.Assembly.Location)
            .Concat(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll").Where(IsManaged))
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        var rules = Compile("Town.Rules", "TownRules.cs", references);
        Compile("Town.Scenario", "TownScenario.cs", [.. references, MetadataReference.CreateFromFile(rules)]);
        foreach (var shared in new[] { typeof(Event), typeof(Simulation) })
        {
            File.Copy(shared.Assembly.Location, _folder.File(System.IO.Path.GetFileName(shared.Assembly.Location)));
        }
    }

    /// <summary>The scenario assembly.</summary>
    public string Path => _folder.File("Town.Scenario.dll");

    /// <summary>The folder it was built in.</summary>
    public string Folder => _folder.Path;

    public void Dispose() => _folder.Dispose();

    private string Compile(string name, string source, IEnumerable<MetadataReference> references)
    {
        var text = File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "ScenarioSources", source));
        const string Usings = "global using System; global using System.Collections.Generic; global using System.Linq; global using System.Threading.Tasks;";
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(text), CSharpSyntaxTree.ParseText(Usings)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var path = _folder.File(name + ".dll");
        var result = compilation.Emit(path);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{name} does not compile:\n" + string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return path;
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
