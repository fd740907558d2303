using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;

namespace Eventure.Cluster.Tests;

/// <summary>The partitions' envelopes use the counting wire serializer and survive a round trip with their payloads.</summary>
[Trait("Category", "Cluster")]
public sealed class WireSerializationSpec
{
    [Fact]
    public async Task Envelopes_should_use_the_wire_serializer_and_round_trip()
    {
        var system = ActorSystem.Create("eventure", ClusterNodes.TestConfig.WithFallback(EventureClusterConfig.Default).WithFallback(EventureConfig.InMemory()));
        try
        {
            var e = new Event(3, 1.5, "walk.stepped", new Dictionary<string, object?> { ["to"] = 4L }, "3-ABCD-1", null);
            var answer = new Eventure.Actors.Engine.EntityAnswer("w", 7, [new Emission("walk.greeted", EventData.From(new Dictionary<string, object?> { ["count"] = 1L }), e.Id, null)], [1], [], [], -1);
            object[] envelopes =
            [
                new FromPartition(2, 1, new PartitionTicked(2, 3, ["w"], [7], [answer], [], 1)),
                new ToPartition("walk", 2, 1, new PartitionTick(3, 1, ExpectedIds: 4242)),
                new FromPartition(2, 1, new PartitionTicked(2, 3, [], [7], [], [], 1, IdsLeftOut: true)), // the ids the tick expected
                new ToPartition("walk", 2, 1, new PartitionWave(3, 0, [new Eventure.Actors.Engine.EntityWork("w", [e], [e])], 1)),
                new ToPartition("walk", 2, 1, new CreateByKind(-1, [new KindSpec("w", "walker", [e], true, "{}", 1, false)])),
            ];
            var wire = EventureCluster.Get(system).Wire;
            foreach (var envelope in envelopes)
            {
                var serializer = system.Serialization.FindSerializerFor(envelope);
                Assert.IsType<WireSerializer>(serializer);
                var bytes = serializer.ToBinary(envelope);
                Assert.Equal(bytes, serializer.ToBinary(serializer.FromBinary(bytes, envelope.GetType())));
            }

            Assert.Equal(10, wire.Messages);

            var wireSerializer = system.Serialization.FindSerializerFor(envelopes[2]);
            Assert.True(((PartitionTicked)wireSerializer.FromBinary<FromPartition>(wireSerializer.ToBinary(envelopes[2])).Message).IdsLeftOut);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
