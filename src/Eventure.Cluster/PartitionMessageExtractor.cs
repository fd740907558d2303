using System.Globalization;
using Akka.Cluster.Sharding;

namespace Eventure.Cluster;

/// <summary>
/// Places partition hosts: entity id <c>{simulation}|{partition}</c>, shard id = the partition number, so partition p
/// of every simulation lives in shard p. The partition of an entity is the engine's stable hash of its id.
/// </summary>
internal sealed class PartitionMessageExtractor : IMessageExtractor
{
    /// <summary>The single instance.</summary>
    public static PartitionMessageExtractor Instance { get; } = new();

    /// <summary>The sharded entity id of partition <paramref name="partition"/> of <paramref name="simulation"/>.</summary>
    public static string EntityIdOf(string simulation, int partition) => $"{simulation}|{partition.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Splits a sharded entity id back into simulation and partition.</summary>
    public static (string Simulation, int Partition) Parse(string entityId)
    {
        var bar = entityId.LastIndexOf('|');
        return (entityId[..bar], int.Parse(entityId[(bar + 1)..], CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public string? EntityId(object message) => message is ToPartition to ? EntityIdOf(to.Simulation, to.Partition) : null;

    /// <inheritdoc />
    public object? EntityMessage(object message) => message;

    /// <inheritdoc />
    public string? ShardId(object message) => message switch
    {
        ToPartition to => to.Partition.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <inheritdoc />
    public string ShardId(string entityId, object? messageHint = null) => Parse(entityId).Partition.ToString(CultureInfo.InvariantCulture);
}
