using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;
using Eventure.Examples.Adventure;
using Eventure.Examples.Crypto;

namespace Eventure.Examples.Tests.Support;

/// <summary>Runs an example in its own actor system with an in-memory log, optionally on N dispatcher threads.</summary>
internal static class ExampleRun
{
    public static Task<EventLog> AdventureAsync(int seed = 42, int? threads = null) =>
        RunAsync(AdventureSimulation.Id, seed, AdventureSimulation.Registry(), threads, (_, sim) => AdventureSimulation.PlayAsync(sim));

    public static Task<EventLog> CryptoAsync(int seed = 42, long ticks = 100, int? threads = null) =>
        RunAsync(CryptoSimulation.Id, seed, CryptoSimulation.Registry(), threads, (system, sim) => CryptoSimulation.RunAsync(system, sim, ticks));

    /// <summary>The log as the seed's JSON lines, byte for byte.</summary>
    public static byte[] Export(EventLog log)
    {
        using var stream = new MemoryStream();
        log.WriteTo(stream);
        return stream.ToArray();
    }


    private static async Task<EventLog> RunAsync(string id, int seed, EntityRegistry registry, int? threads, Func<ActorSystem, Simulation, Task<EventLog>> play)
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING");
        if (threads is { } n)
        {
            config = EventureConfig.DedicatedThreads(n).WithFallback(config);
        }

        using var system = ActorSystem.Create("example", EventureConfig.WithDefaults(config));
        try
        {
            var sim = await Simulation.StartAsync(system, new SimulationOptions { Id = id, Seed = seed, Entities = registry });
            return await play(system, sim);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
