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

    /// <summary>
    /// Runs <paramref name="scenario"/> on a simulation in an actor system of its own and returns what it
    /// journaled: the exported log and every stored tick's checksum, for comparing two ways of running the same thing.
    /// </summary>
    public static async Task<(string Export, long[] Checksums)> RecordAsync(SimulationOptions options, Func<Simulation, Task> scenario)
    {
        using var system = ActorSystem.Create("recorded");
        try
        {
            var sim = await Simulation.StartAsync(system, options);
            await scenario(sim);
            var stored = await sim.Coordinator.Ask<StoredTicks>(new GetStoredTicks(0), TimeSpan.FromSeconds(20));
            return (Export(await sim.GetLogAsync()), [.. stored.Ticks.Select(t => t.Checksum)]);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>The actor of entity <paramref name="entityId"/> of simulation <paramref name="simulationId"/> (it lives in its partition).</summary>
    public static Task<IActorRef> EntityActorAsync(ActorSystem system, string entityId, string simulationId = "sim") =>
        system.ActorSelection($"/user/eventure-{simulationId}/partition-*/entity-{entityId}").ResolveOne(TimeSpan.FromSeconds(5));

    /// <summary>An actor system whose default dispatcher runs on exactly <paramref name="threads"/> threads.</summary>
    public static Config WithThreads(int threads) => EventureConfig.DedicatedThreads(threads);
}
