using Akka.Actor;

namespace Eventure.Actors;

/// <summary>What a simulation is: its id, seed, entity kinds and where its log lives.</summary>
public sealed class SimulationOptions
{
    /// <summary>The simulation id (names the coordinator actor and the journal's persistence id).</summary>
    public required string Id { get; init; }

    /// <summary>The seed every entity's random streams derive from. Same seed, same run.</summary>
    public int Seed { get; init; }

    /// <summary>Entity kinds, so a simulation resumed from a journal can respawn its population.</summary>
    public EntityRegistry Entities { get; init; } = new();

    /// <summary>
    /// Props of the log actor (a child of the coordinator) that stores each tick; <see langword="null"/> means the
    /// persistent <c>EventLogActor</c> when the actor system's journal is a real store (SQLite, PostgreSQL, any plugin
    /// but Akka's in-memory journal) and an in-memory log otherwise (<c>eventure.log.store</c> decides).
    /// </summary>
    public Props? LogProps { get; init; }

    /// <summary>An existing log actor to use instead of <see cref="LogProps"/> (it outlives the simulation).</summary>
    public IActorRef? Log { get; init; }

    /// <summary>Settings; <see langword="null"/> means parsed from the actor system's configuration.</summary>
    public EventureSettings? Settings { get; init; }

    /// <summary>The longest a single call such as a spawn may wait for the runtime.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest a run (<c>RunTicksAsync</c> and friends) may take before the call gives up waiting.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Where the partitions live, given the coordinator's context and its log: <see langword="null"/> for children of the
    /// coordinator; Eventure.Cluster puts them in sharded actors across a cluster.
    /// </summary>
    internal Func<IActorContext, IActorRef, IPartitions>? Partitions { get; init; }

    /// <summary>A copy of these options with <paramref name="logProps"/> as the log.</summary>
    internal SimulationOptions WithLogProps(Props logProps) => With(logProps, Partitions);

    /// <summary>A copy of these options with <paramref name="logProps"/> as the log and <paramref name="partitions"/> as where the partitions live.</summary>
    internal SimulationOptions With(Props? logProps, Func<IActorContext, IActorRef, IPartitions>? partitions) => new()
    {
        Id = Id,
        Seed = Seed,
        Entities = Entities,
        LogProps = logProps,
        Log = Log,
        Settings = Settings,
        AskTimeout = AskTimeout,
        RunTimeout = RunTimeout,
        Partitions = partitions,
    };
}
