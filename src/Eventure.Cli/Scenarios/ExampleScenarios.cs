namespace Eventure.Cli.Scenarios;

/// <summary>
/// <c>--example adventure|crypto</c>: the scenarios of the examples' assembly, found by path (the CLI does not
/// reference the examples): beside the CLI, else in the repository's <c>src/Eventure.Examples/bin</c> for the CLI's
/// own configuration and target framework.
/// </summary>
internal static class ExampleScenarios
{
    public const string AssemblyFile = "Eventure.Examples.dll";

    /// <summary>The path of the examples' assembly.</summary>
    /// <exception cref="CliException">It is in neither place.</exception>
    public static string Locate()
    {
        var cli = new DirectoryInfo(AppContext.BaseDirectory);
        var candidates = new List<string> { Path.Combine(cli.FullName, AssemblyFile) };

        // src/Eventure.Cli/bin/CONFIGURATION/TFM/ beside src/Eventure.Examples/bin/CONFIGURATION/TFM/.
        if (cli.Parent is { Parent: { Name: "bin", Parent.Parent: { } src } } configuration)
        {
            candidates.Add(Path.Combine(src.FullName, "Eventure.Examples", "bin", configuration.Name, cli.Name, AssemblyFile));
        }

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new CliException($"--example needs the examples' assembly ({AssemblyFile}), found neither beside eventure nor in src/Eventure.Examples/bin; build it (dotnet build src/Eventure.Examples) or pass --scenario PATH.dll.");
    }
}
