using Akka.Configuration;

namespace Eventure.Actors;

/// <summary>
/// Builds actor-system configuration for Eventure: the embedded defaults (<c>reference.conf</c>, which also binds the
/// journal serializer) plus a journal overlay. The SQLite and PostgreSQL overlays (<c>EventureConfig.Sqlite</c>,
/// <c>EventureConfig.Postgres</c>, <c>EventureConfig.Load</c>) come with the package Eventure.Persistence.Sql
/// (<c>using Eventure.Persistence.Sql;</c>).
/// </summary>
/// <example>
/// <code>
/// using var system = ActorSystem.Create("town", EventureConfig.InMemory());
/// </code>
/// </example>
public static class EventureConfig
{
    /// <summary>The embedded defaults alone (in-memory journal unless the system says otherwise).</summary>
    public static Config Default => EventureSettings.DefaultConfig;

    /// <summary>The defaults under <paramref name="config"/> (user values win).</summary>
    public static Config WithDefaults(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.WithFallback(Default);
    }

    /// <summary>
    /// A default dispatcher with exactly <paramref name="threads"/> dedicated threads and no message batching, to
    /// put in front of another configuration. Results never depend on it (docs/determinism.md); the specs use
    /// it to prove that.
    /// </summary>
    public static Config DedicatedThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        return ConfigurationFactory.ParseString($$"""
            akka.actor.default-dispatcher {
              type = ForkJoinDispatcher
              throughput = 1
              dedicated-thread-pool {
                thread-count = {{threads}}
                threadtype = background
              }
            }
            """);
    }

    /// <summary>
    /// The in-memory overlay (embedded copy of <c>hocon/inmem.conf</c>) with the defaults: nothing survives the
    /// actor system, and simulations keep their logs in memory.
    /// </summary>
    public static Config InMemory() => WithDefaults(ConfigurationFactory.ParseString(Overlay("inmem.conf")));

    private static string Overlay(string name)
    {
        using var stream = typeof(EventureConfig).Assembly.GetManifestResourceStream($"Eventure.Actors.hocon.{name}")
            ?? throw new InvalidOperationException($"The embedded overlay {name} is missing from Eventure.Actors.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
