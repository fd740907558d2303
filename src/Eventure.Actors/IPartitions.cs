using Akka.Actor;

namespace Eventure.Actors;

/// <summary>How the coordinator and bus reach a simulation's partitions: local children, or sharded partitions on a cluster.</summary>
internal interface IPartitions
{
    /// <summary>How many partitions there are (fixed for the simulation's life).</summary>
    int Count { get; }

    /// <summary>
    /// Whether a partition can be lost while the simulation runs (a node of a cluster goes down): the bus then keeps what
    /// it needs to run an aborted tick again (see <see cref="PartitionsLost"/>). Local partitions never are.
    /// </summary>
    bool CanBeLost { get; }

    /// <summary>Sends <paramref name="message"/> to partition <paramref name="partition"/>.</summary>
    void Tell(int partition, object message, IActorRef sender);
}

/// <summary>Partitions that are children of the coordinator, in this process.</summary>
/// <param name="refs">The partitions' actors, by index.</param>
internal sealed class LocalPartitions(IReadOnlyList<IActorRef> refs) : IPartitions
{
    /// <inheritdoc />
    public int Count => refs.Count;

    /// <inheritdoc />
    public bool CanBeLost => false;

    /// <summary>Creates <see cref="EventureSettings.PartitionCount"/> partitions as children of <paramref name="context"/> (the coordinator).</summary>
    public static IPartitions Create(IActorContext context, EventureSettings settings, int seed, IActorRef log) =>
        Of([.. Enumerable.Range(0, settings.PartitionCount)
            .Select(i => context.ActorOf(PartitionActor.Props(i, seed, settings.TickTimeout, log), $"partition-{i}"))]);

    /// <summary>The partitions <paramref name="partitions"/>, by index.</summary>
    public static IPartitions Of(IReadOnlyList<IActorRef> partitions) => new LocalPartitions(partitions);

    /// <inheritdoc />
    public void Tell(int partition, object message, IActorRef sender) => refs[partition].Tell(message, sender);
}
