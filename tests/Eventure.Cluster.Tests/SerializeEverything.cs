using Akka.Configuration;

namespace Eventure.Cluster.Tests;

/// <summary>
/// <c>akka.actor.serialize-messages = on</c> for a cluster node: every message an actor sends, local ones included, is
/// serialized and deserialized before delivery. Eventure's messages go through <see cref="CheckedSerializer"/> (the same
/// Hyperion they are bound to, noting what it read back).
/// </summary>
/// <remarks>
/// Three of Akka's own local-only messages lack the <c>INoSerializationVerificationNeeded</c> marker and cannot survive
/// the check on the default (Newtonsoft JSON) serializer, so this configuration binds exactly those types elsewhere. It
/// is a workaround for defects in Akka.NET 1.5.74 / Akka.Persistence.Sql, for tests only (none of these messages ever
/// leaves its node, so production never serializes them); docs/cluster.md has the evidence.
/// <list type="bullet">
/// <item><c>Akka.Cluster.ClusterEvent+IMemberEvent</c> (MemberJoined, MemberUp, MemberRemoved, ... published by the
/// cluster to local subscribers): JSON drops <c>Member.UpNumber</c> (an internal property), so every member reads back
/// with up-number 0 and <c>Member.AgeOrdering</c> falls back to address order, that is port order. The singleton
/// managers, singleton proxies and shard regions then take the member with the lowest port for the oldest: a
/// coordinator singleton hands over at start-up ("Expected hand-over to ... never occurred") and regions register with
/// a node that runs no coordinator, whenever the first node did not get the lowest port. Bound to Hyperion, which keeps
/// the field.</item>
/// <item><c>Akka.DistributedData.Internal.ReadRepair</c> (sent by every successful majority read to the local
/// replicator, which must answer before the read replies): JSON cannot write its data envelope (a dictionary keyed by
/// <c>UniqueAddress</c>), so the repair is dropped and a shard coordinator that starts where state exists never gets
/// its state. Bound to Hyperion.</item>
/// <item><c>Akka.Persistence.Sql.Journal.Types.WriteFinished</c> (the SQL journal to itself): carries the write's
/// <see cref="Task"/> and is matched by reference, so no copy could mean the same; dropped, it only logs an error per
/// write. Bound to <see cref="InProcessSerializer"/>, which hands the same instance back.</item>
/// </list>
/// </remarks>
internal static class SerializeEverything
{
    /// <summary>The configuration, to put over a node's.</summary>
    public static readonly Config Config = ConfigurationFactory.ParseString("""
        akka.actor {
          serialize-messages = on
          serializers {
            eventure-checked = "Eventure.Cluster.Tests.CheckedSerializer, Eventure.Cluster.Tests"
            in-process = "Eventure.Cluster.Tests.InProcessSerializer, Eventure.Cluster.Tests"
          }
          serialization-bindings {
            "Eventure.Actors.IEventureMessage, Eventure.Actors" = eventure-checked
            "Akka.Cluster.ClusterEvent+IMemberEvent, Akka.Cluster" = hyperion
            "Akka.DistributedData.Internal.ReadRepair, Akka.DistributedData" = hyperion
            "Akka.Persistence.Sql.Journal.Types.WriteFinished, Akka.Persistence.Sql" = in-process
          }
          serialization-identifiers {
            "Eventure.Cluster.Tests.CheckedSerializer, Eventure.Cluster.Tests" = 7391
            "Eventure.Cluster.Tests.InProcessSerializer, Eventure.Cluster.Tests" = 7392
          }
        }
        """);
}
