using System.Collections.Immutable;
using System.Reflection;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.DistributedData;
using Akka.Persistence.Sql.Journal.Types;
using Akka.Serialization;
using Akka.Util;

namespace Eventure.Cluster.Tests;

/// <summary>
/// The evidence behind <see cref="SerializeEverything"/>'s workaround: Akka's default serializer cannot check the three
/// local-only Akka messages it rebinds, and their new bindings read back what was written. If a check of the defects
/// starts failing, Akka fixed it and the binding can go.
/// </summary>
public sealed class SerializeEverythingSpec : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create("serialize", SerializeEverything.Config
        .WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.actor.provider = cluster\nakka.remote.dot-netty.tcp.port = 0\nakka.remote.dot-netty.tcp.hostname = \"127.0.0.1\""))
        .WithFallback(EventureClusterConfig.Default));

    private readonly ActorSystem _plain = ActorSystem.Create("plain", ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.actor.provider = cluster\nakka.remote.dot-netty.tcp.port = 0\nakka.remote.dot-netty.tcp.hostname = \"127.0.0.1\""));

    [Fact]
    public void Member_events_should_keep_which_member_is_older_only_with_the_workaround()
    {
        // The older member (up first) has the higher port: age order and address order disagree.
        var older = NewMember(port: 5002, upNumber: 1);
        var younger = NewMember(port: 5001, upNumber: 2);
        Assert.True(older.IsOlderThan(younger));

        var checkedUp = RoundTrip(_system, new ClusterEvent.MemberUp(older));
        Assert.IsType<HyperionSerializer>(_system.Serialization.FindSerializerFor(new ClusterEvent.MemberUp(older)));
        Assert.True(checkedUp.Member.IsOlderThan(RoundTrip(_system, new ClusterEvent.MemberUp(younger)).Member));

        // The defect: on the default JSON serializer both read back with up-number 0, so the lower port wins.
        Assert.IsType<NewtonSoftJsonSerializer>(_plain.Serialization.FindSerializerFor(new ClusterEvent.MemberUp(older)));
        Assert.False(RoundTrip(_plain, new ClusterEvent.MemberUp(older)).Member.IsOlderThan(RoundTrip(_plain, new ClusterEvent.MemberUp(younger)).Member));
    }

    [Fact]
    public void Read_repairs_should_round_trip_only_with_the_workaround()
    {
        var self = Akka.Cluster.Cluster.Get(_system).SelfUniqueAddress;
        var repair = NewReadRepair(ORSet<string>.Empty.Add(self, "a").Add(self, "b"));

        var back = RoundTrip(_system, repair);
        Assert.Equal(repair, back);

        // The defect: JSON cannot write the envelope's version vector (a dictionary keyed by UniqueAddress).
        var plainRepair = NewReadRepair(ORSet<string>.Empty.Add(Akka.Cluster.Cluster.Get(_plain).SelfUniqueAddress, "a"));
        Assert.ThrowsAny<Exception>(() => RoundTrip(_plain, plainRepair));
    }

    [Fact]
    public void The_sql_journals_write_finished_should_read_back_as_the_same_instance_and_never_from_other_bytes()
    {
        var finished = new WriteFinished("eventure-walk", Task.CompletedTask);

        Assert.Same(finished, RoundTrip(_system, finished));
        Assert.Throws<InvalidOperationException>(() => _system.Serialization.Deserialize(BitConverter.GetBytes(-1L), InProcessSerializer.Id, string.Empty));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _system.Terminate();
        await _plain.Terminate();
    }

    private static T RoundTrip<T>(ActorSystem system, T message)
        where T : notnull
    {
        var serialization = system.Serialization;
        var serializer = serialization.FindSerializerFor(message);
        return Serialization.WithTransport((ExtendedActorSystem)system, () =>
            (T)serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Serialization.ManifestFor(serializer, message)));
    }

    // Member and ReadRepair have internal constructors only (members come from gossip, repairs from the replicator).
    private static Member NewMember(int port, int upNumber)
    {
        var constructor = typeof(Member).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance)
            .Single(c => c.GetParameters()[3].ParameterType == typeof(ImmutableHashSet<string>));
        var address = new UniqueAddress(new Address("akka.tcp", "eventure", "127.0.0.1", port), port);
        return (Member)constructor.Invoke([address, upNumber, MemberStatus.Up, ImmutableHashSet<string>.Empty, AppVersion.Zero]);
    }

    private static object NewReadRepair(IReplicatedData data)
    {
        var assembly = typeof(DistributedData).Assembly;
        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        var envelope = Activator.CreateInstance(assembly.GetType("Akka.DistributedData.Internal.DataEnvelope", throwOnError: true)!, Any, null, [data, null, null], null)!;
        return Activator.CreateInstance(assembly.GetType("Akka.DistributedData.Internal.ReadRepair", throwOnError: true)!, Any, null, ["key", envelope], null)!;
    }
}
