using Akka.Actor;
using Eventure.Actors;

namespace Eventure.Cluster;

/// <summary>The partitions of a clustered simulation, reached through its <see cref="PartitionGateway"/>.</summary>
/// <param name="gateway">The gateway (a child of the coordinator).</param>
/// <param name="count">How many partitions there are (<c>eventure.cluster.partitions</c>).</param>
internal sealed class ClusterPartitions(IActorRef gateway, int count) : IPartitions
{
    /// <inheritdoc />
    public int Count => count;

    /// <inheritdoc />
    public bool CanBeLost => true;

    /// <inheritdoc />
    public void Tell(int partition, object message, IActorRef sender) => gateway.Tell(new Outbound(partition, message), sender);
}
