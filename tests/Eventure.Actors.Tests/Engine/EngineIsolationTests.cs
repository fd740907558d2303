using System.Reflection;
using Eventure.Actors.Engine;

namespace Eventure.Actors.Tests.Engine;

/// <summary>The engine is plain code: no type in it touches Akka, so its rules can be tested (and run) without actors.</summary>
public sealed class EngineIsolationTests
{
    [Fact]
    public void No_engine_type_should_use_an_Akka_type_in_its_signatures_fields_or_bases()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var engine = typeof(TickEngine).Assembly.GetTypes().Where(t => t.Namespace == typeof(TickEngine).Namespace).ToList();
        var used = new List<(Type Owner, Type Used)>();
        foreach (var type in engine)
        {
            var types = new List<Type>();
            types.AddRange(type.GetInterfaces());
            if (type.BaseType is { } baseType)
            {
                types.Add(baseType);
            }

            types.AddRange(type.GetFields(all).Select(f => f.FieldType));
            types.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                types.AddRange(method.GetParameters().Select(p => p.ParameterType));
                if (method is MethodInfo info)
                {
                    types.Add(info.ReturnType);
                }
            }

            used.AddRange(types.SelectMany(Expand).Select(t => (type, t)));
        }

        Assert.True(engine.Count >= 10, $"expected the engine's types, found {engine.Count}");
        Assert.Empty(used.Where(u => u.Used.Assembly.GetName().Name!.StartsWith("Akka", StringComparison.Ordinal)).Select(u => $"{u.Owner.Name} uses {u.Used.FullName}"));
    }

    [Fact]
    public void No_engine_source_file_should_import_an_Akka_namespace()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Eventure.Actors", "Engine");
        var files = Directory.GetFiles(folder, "*.cs");

        Assert.NotEmpty(files);
        Assert.DoesNotContain(files, f => File.ReadLines(f).Any(line => line.TrimStart().StartsWith("using Akka", StringComparison.Ordinal)));
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        var element = type.HasElementType ? type.GetElementType() : null;
        if (element is not null)
        {
            foreach (var inner in Expand(element))
            {
                yield return inner;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Eventure.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Eventure.sln not found above the test binaries.");
    }
}
