using Akka.Configuration;
using Akka.Persistence.TestKit;

namespace Eventure.Actors.Tests.Persistence;

/// <summary>Akka.Persistence.TestKit's journal and snapshot store, whose writes and recoveries a spec can fail or delay.</summary>
internal static class TestJournals
{
    /// <summary>The test journal and snapshot store, from the package's own configuration.</summary>
    public static Config Config()
    {
        var assembly = typeof(TestJournal).Assembly;
        using var stream = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single())!;
        return ConfigurationFactory.ParseString(new StreamReader(stream).ReadToEnd());
    }
}
