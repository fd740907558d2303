using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;

namespace Eventure.Actors.Tests;

/// <summary>Helpers shared by the specs.</summary>
public static class SimulationFixture
{
    public static SimulationOptions Options(string id = "sim", int seed = 42, IActorRef? log = null, EventureSettings? settings = null) =>
        new() { Id = id, Seed = seed, Log = log, Settings = settings, AskTimeout = TimeSpan.FromSeconds(20), RunTimeout = TimeSpan.FromSeconds(60) };

    public static string Export(EventLog log)
    {
        using var stream = new MemoryStream();
        log.WriteTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>An actor system whose default dispatcher runs on exactly <paramref name="threads"/> threads.</summary>
    public static Config WithThreads(int threads) => EventureConfig.DedicatedThreads(threads);
}
