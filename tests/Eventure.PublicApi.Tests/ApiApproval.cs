using System.Reflection;
using System.Text;
using PublicApiGenerator;

namespace Eventure.PublicApi.Tests;

/// <summary>
/// Compares an assembly's public surface (as PublicApiGenerator prints it) with its approved snapshot,
/// <c>approved/{Assembly}.approved.txt</c>. On a difference it writes <c>{Assembly}.received.txt</c> beside it and fails
/// with the changed lines and how to accept them; with <c>EVENTURE_ACCEPT_API=1</c> it overwrites the snapshot instead.
/// </summary>
internal static class ApiApproval
{
    /// <summary>The environment variable that accepts every changed surface of a run.</summary>
    public const string AcceptVariable = "EVENTURE_ACCEPT_API";

    private static readonly ApiGeneratorOptions Options = new()
    {
        // Build metadata (SourceLink's repository, the target framework) is not API.
        ExcludeAttributes = ["System.Reflection.AssemblyMetadataAttribute", "System.Runtime.Versioning.TargetFrameworkAttribute"],
    };

    /// <summary>The public surface of <paramref name="assembly"/>, with \n line ends.</summary>
    public static string PublicApiOf(Assembly assembly) => Normalize(assembly.GeneratePublicApi(Options));

    /// <summary>Fails (or, when accepting, rewrites the snapshot) if <paramref name="assembly"/>'s surface changed.</summary>
    public static void Verify(Assembly assembly)
    {
        var name = assembly.GetName().Name!;
        var folder = ApprovedFolder();
        var approvedPath = Path.Combine(folder, $"{name}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{name}.received.txt");
        var received = PublicApiOf(assembly);
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : null;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Accepting())
        {
            File.WriteAllText(approvedPath, received);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail(Describe(name, approved, received, approvedPath, receivedPath));
    }

    /// <summary>The failure message: what changed, and how to review and accept it.</summary>
    public static string Describe(string name, string? approved, string received, string approvedPath, string receivedPath)
    {
        var text = new StringBuilder();
        if (approved is null)
        {
            text.AppendLine($"{name} has no approved public API yet ({approvedPath} is missing).");
        }
        else
        {
            var (added, removed) = Diff(approved, received);
            text.AppendLine($"The public API of {name} changed: {added.Count} line(s) added, {removed.Count} removed.");
            foreach (var line in removed.Take(40))
            {
                text.AppendLine($"  - {line}");
            }

            foreach (var line in added.Take(40))
            {
                text.AppendLine($"  + {line}");
            }
        }

        text.AppendLine($"Review:  git diff --no-index {approvedPath} {receivedPath}");
        text.AppendLine($"Accept:  {AcceptVariable}=1 dotnet test tests/Eventure.PublicApi.Tests   (or copy the .received.txt over the .approved.txt),");
        text.AppendLine("         then commit the .approved.txt with the change so the new surface is reviewed with it.");
        return text.ToString();
    }

    /// <summary>The lines only in <paramref name="received"/> and the lines only in <paramref name="approved"/>, in order.</summary>
    public static (List<string> Added, List<string> Removed) Diff(string approved, string received)
    {
        var before = Lines(approved);
        var after = Lines(received);
        return ([.. Minus(after, before)], [.. Minus(before, after)]);
    }

    private static IEnumerable<string> Minus(IReadOnlyList<string> lines, IReadOnlyList<string> other)
    {
        var remaining = other.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (remaining.TryGetValue(line, out var count) && count > 0)
            {
                remaining[line] = count - 1;
                continue;
            }

            yield return line;
        }
    }

    private static string[] Lines(string text) =>
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l is not "{" and not "}")];

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    private static bool Accepting() => Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";

    private static string ApprovedFolder() =>
        typeof(ApiApproval).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ApprovedFolder").Value!;
}
