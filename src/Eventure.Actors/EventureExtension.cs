using System.Collections.Concurrent;
using Akka;
using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors.Persistence;

namespace Eventure.Actors;

/// <summary>
/// Eventure in one actor system (an Akka extension): it puts the embedded <c>reference.conf</c> under the system's
/// configuration as top-level fallback, binds the journal serializer where the configuration does not, and holds the
/// settings parsed once. Every Eventure entry point (<see cref="Simulation.StartAsync"/>, <see cref="EventLogActor"/>,
/// <see cref="JournalReader"/>, projections) loads it before anything is persisted or read, so a system configured
/// only with a journal plugin's own HOCON (or Akka.Hosting without <c>WithEventure</c>) still stores versioned
/// JSON with short manifests and honours <c>eventure.*</c>.
/// </summary>
/// <remarks>
/// Values in the system's own configuration always win over <c>reference.conf</c>. A serializer binding is added
/// only for Eventure's types the configuration leaves unbound; a binding the configuration or a
/// <c>SerializationSetup</c> chose is kept.
/// </remarks>
/// <example>
/// <code>
/// var eventure = EventureExtension.Get(system);
/// Console.WriteLine(eventure.LogSettings.EveryTicks);   // eventure.snapshot.every-ticks
/// </code>
/// </example>
public sealed class EventureExtension : IExtension
{
    private readonly ConcurrentDictionary<SimulationWriterLease, byte> _leases = new();

    internal EventureExtension(ExtendedActorSystem system)
    {
        var own = system.Settings.Config;
        system.Settings.InjectTopLevelFallback(EventureSettings.DefaultConfig);
        SerializerBinding.BindMissing(system, own);
        LoadContributions(system);

        var config = system.Settings.Config;
        Settings = EventureSettings.Create(config);
        LogSettings = EventLogSettings.Create(config);
        Journal = JournalInfo.Of(config);
        UsesPersistentLog = config.GetString("eventure.log.store", "auto") switch
        {
            "auto" => !Journal.IsInMemory,
            "persistent" => true,
            "in-memory" => false,
            var other => throw new ConfigurationException($"eventure.log.store is '{other}'; use auto, persistent or in-memory."),
        };
        WriterLeasePath = WriterLeaseSettings.PathOf(config, Journal);
        OwnerName = $"{Environment.MachineName}:{Environment.ProcessId}:{system.Name}:{Guid.NewGuid().ToString("N")[..8]}";
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "eventure-release-writer-leases", ReleaseLeasesAsync);
    }

    /// <summary>The runtime settings (<c>eventure.tick</c>, <c>eventure.cascade</c>, <c>eventure.clock</c>).</summary>
    public EventureSettings Settings { get; }

    /// <summary>The persistent log's settings (<c>eventure.snapshot</c>).</summary>
    public EventLogSettings LogSettings { get; }

    /// <summary>
    /// Whether a simulation that names no log stores its ticks with the persistent <see cref="EventLogActor"/>
    /// (<c>eventure.log.store</c>; by default whenever the journal plugin is not Akka's in-memory journal).
    /// </summary>
    public bool UsesPersistentLog { get; }

    /// <summary>A short description of the default journal for messages, e.g. <c>SQLite eventure-data/town.db</c>.</summary>
    public string JournalDescription => Journal.Description;

    /// <summary>The default journal plugin, as the system's configuration names it.</summary>
    internal JournalInfo Journal { get; }

    /// <summary>The configuration path of the writer lease (<c>eventure.writer.lease</c>, resolved), or null for none.</summary>
    internal string? WriterLeasePath { get; }

    /// <summary>The lease owner name of this actor system: host, process, system name and a random part.</summary>
    internal string OwnerName { get; }

    /// <summary>Where simulations run when not as local actors (set by Eventure.Cluster's extension), or null.</summary>
    internal ISimulationHost? Host { get; set; }

    /// <summary>The extension of <paramref name="system"/>, loading it first if needed.</summary>
    public static EventureExtension Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<EventureExtension, EventureExtensionProvider>();
    }

    /// <summary>Remembers a held writer lease, so the system's shutdown releases it if nobody else did.</summary>
    internal void Track(SimulationWriterLease lease) => _leases.TryAdd(lease, 0);

    internal void Forget(SimulationWriterLease lease) => _leases.TryRemove(lease, out _);

    /// <summary>
    /// Loads the extensions listed in <c>eventure.extensions</c> whose assembly is present (journal packages such as
    /// Eventure.Persistence.Sql add their defaults and writer lease this way).
    /// </summary>
    private static void LoadContributions(ExtendedActorSystem system)
    {
        foreach (var name in system.Settings.Config.GetStringList("eventure.extensions", []))
        {
            if (Type.GetType(name, throwOnError: false) is { } type && typeof(IExtensionId).IsAssignableFrom(type))
            {
                system.RegisterExtension((IExtensionId)Activator.CreateInstance(type)!);
            }
        }
    }

    private async Task<Done> ReleaseLeasesAsync()
    {
        await Task.WhenAll(_leases.Keys.Select(lease => lease.DisposeAsync().AsTask()));
        return Done.Instance;
    }
}

/// <summary>Creates the <see cref="EventureExtension"/> (use <see cref="EventureExtension.Get"/>).</summary>
public sealed class EventureExtensionProvider : ExtensionIdProvider<EventureExtension>
{
    /// <inheritdoc />
    public override EventureExtension CreateExtension(ExtendedActorSystem system) => new(system);
}
