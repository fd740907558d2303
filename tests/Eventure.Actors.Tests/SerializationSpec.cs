using System.Collections.Immutable;
using Akka.Actor;
using Eventure.Actors.Engine;
using Akka.Configuration;
using Akka.Serialization;
using Eventure.Actors.Persistence;
using Eventure.Actors.Tests.TestEntities;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

/// <summary>
/// Every runtime protocol message must survive serialization (Hyperion, bound in reference.conf): the
/// prerequisite for running across nodes. One run has <c>akka.actor.serialize-messages = on</c>, so every
/// message any actor sends is serialized and deserialized on the way.
/// </summary>
public sealed class SerializationSpec
{
    private static readonly Config SerializeEverything = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.actor.serialize-messages = on
        """);

    [Fact]
    public async Task A_simulation_with_serialize_messages_on_should_log_exactly_what_it_logs_without()
    {
        var plain = await RunAsync(ConfigurationFactory.Empty);
        var serialized = await RunAsync(SerializeEverything);

        Assert.Equal(plain.Export, serialized.Export);
        Assert.Equal(string.Join(",", plain.Checksums), string.Join(",", serialized.Checksums));
        foreach (var type in new[] { "market.quote", "order.placed", "delayed", "entity.faulted", "entity.despawned", "input.news" })
        {
            Assert.Contains($"\"type\": \"{type}\"", serialized.Export, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_protocol_message_should_use_hyperion_and_round_trip()
    {
        using var system = ActorSystem.Create("wire", EventureConfig.InMemory());
        var serialization = system.Serialization;
        var e = new Event(3, 1.5, "market.quote", new Dictionary<string, object?> { ["price"] = 101L, ["tags"] = new List<object?> { "a", 1.5, null } }, "3-ABCD-1", "2-ABCD-9");
        var emission = new Emission("order.placed", EventData.From(new Dictionary<string, object?> { ["n"] = 1L }), e.Id, 5);
        var subscription = new SubscriptionChange("market.*", Add: true);
        var fault = new EntityFault("InvalidOperationException", "boom");
        var append = new AppendTick(3, [e], ["trader-1"], 42);
        var answer = new EntityAnswer("t", 7, [emission], [1], [new UnitChange(0, subscription)], [new UnitFault(0, fault)], 0);
        var work = new EntityWork("t", [e], [e]);
        object[] messages =
        [
            new Tick(3), new QuietTickAck("t", 7), new EntityBatch(3, 1, [e], [e], 2), new BatchAck(3, 1, 0, 1, answer),
            new InitializeEntity("t", 42, [e], IsRecovery: true), new EntityReady("t", [subscription], 7), new EntityRestarted("t"),
            new EntitySpawned("t"), new DespawnEntity("t"), new EntityDespawned("t"), new RunTicks(5), new RunUntilTick(9),
            new RunCompleted(9, 5), PauseSimulation.Instance, ResumeSimulation.Instance, new StartRealtime(TimeSpan.FromMilliseconds(50), 10),
            StopRealtime.Instance, new SendInput("input.news", EventData.From(new Dictionary<string, object?> { ["text"] = "hi" })),
            new InputAccepted(4), new WatchTicks(system.DeadLetters), new TickCompleted(3, 1, 42), GetSimulationStatus.Instance,
            new SimulationStatus(4, 2, false, null), append, new TickAppended(3, 1, 42), new AppendTickFailed(3, "disk full"),
            GetEventLog.Instance, new GetStoredTicks(0), new StoredTicks(3, [append]), new GetEventLogAtTick(2), new LogFailed("gone"),
            new RouteTick(new BarrierStep.Route(3, [new PendingEvent(emission, "t")], [("t", subscription)], ["t"], [("t", 1)])), new RouteTickFailed(3, "loop"),
            new TickRouted(new TickRouting(3, [e], ["t"], [EventOrigin.Entity], [new PendingEvent(emission, "t")], [("t", 7L)], 2, ["t"], [new IndexChange("t", "market.*", true)])),
            new RegisterEntities([("t", "trader", [subscription])]), new UnregisterEntities(["t"]),
            GetProjectionState.Instance, new ProjectionState<long>(5, 3, 17), new ProjectionAdvanced("counts", 3, 17),
            new PartitionTick(3), new PartitionTicked(1, 3, ["t", "u"], [7, 8], [answer], ["u"]), new PartitionWave(3, 1, [work]),
            new PartitionWaveAnswered(1, 3, 1, [answer], []), new EntityStopped("t"), new RemoveEntities(["t"]),
            new GetOwnHistory("t", 4), new OwnHistory("t", 4, [e], 2), new EntitiesCreated(1, 0, [new CreatedEntity("t", [subscription], 7, null)]),
            new EntitySupervision.ChildStopped(system.DeadLetters), new EntitiesSpawned(40), GetRecovery.Instance,
            new StoreAccepted(new AcceptedRow(4, [StoredPending.Of(new PendingEvent(emission, "t"))], [new Joined("t", "trader", [subscription])]), 3), new AcceptedStored(3),
            new AcceptFailed(3, "disk full"),
            new RecoveredState(3, [new RecoveredEntity("t", "trader", "{}", 1, [e])], [("market.*", ["t"])], [new IndexStep(IndexStepKind.Forget, "t")], [new PendingEvent(emission, "t")], [new PendingEvent(emission, null, EventOrigin.Input)], 100),
            new StoreTick(new TickRecord(3, [e], ["t"], [EventOrigin.Entity], [new PendingEvent(emission, "t")], ["t"], 5, 6, 2, [new IndexChange("t", "x", false)])),
            new SaveRuntimeSnapshot(new RuntimeSnapshot(3, [new SnapshotEntity("t", "trader", "{}", 1)], [("x", ["t"])], [], [])),
            new CollectStates(3), new PartitionStates(1, 3, [new SnapshotEntity("t", "trader", null, 0)]), new GetSubscriptions(3),
            new CurrentSubscriptions(3, [("x", ["t"])]), new ReportEntityState(3), new EntityStateReport(3, "t", "{}", 1),
            new CollectStates(3, ImmutableDictionary<string, ImmutableArray<Event>>.Empty.Add("t", [e])), new ReportEntityState(3, [e]),
            new RestoreIndex([("t", "trader")], [("market.*", ["t"])], [new IndexStep(IndexStepKind.Change, "t", "x", true)], ImmutableDictionary<string, ImmutableArray<SubscriptionChange>>.Empty),
        ];

        foreach (var message in messages)
        {
            var serializer = serialization.FindSerializerFor(message);
            Assert.True(serializer is HyperionSerializer, $"{message.GetType().Name} uses {serializer.GetType().Name}");
            var bytes = serializer.ToBinary(message);
            var back = serializer.FromBinary(bytes, message.GetType());

            Assert.IsType(message.GetType(), back);
            Assert.Equal(bytes, serializer.ToBinary(back));
        }

        var hyperion = serialization.FindSerializerFor(messages[2]);
        var batch = hyperion.FromBinary<EntityBatch>(hyperion.ToBinary(messages[2]));
        Assert.Equal(e, batch.Deliveries[0]);
        Assert.Equal(e.ToJson(), batch.Deliveries[0].ToJson());
    }

    private static async Task<(string Export, ImmutableArray<long> Checksums)> RunAsync(Config extra)
    {
        using var system = ActorSystem.Create("wire", extra.WithFallback(EventureConfig.InMemory()));
        try
        {
            var options = new SimulationOptions
            {
                Id = "wire",
                Seed = 42,
                LogProps = EventLogActor.Props("wire"),
                AskTimeout = TimeSpan.FromSeconds(30),
                RunTimeout = TimeSpan.FromSeconds(60),
            };
            var sim = await Simulation.StartAsync(system, options);
            for (var i = 0; i < 8; i++)
            {
                await sim.SpawnAsync($"trader-{i}", Props.Create(() => new Trader()), "trader");
            }

            await sim.SpawnAsync("scheduler", Props.Create(() => new Scheduler()), "scheduler");
            await sim.SpawnAsync("thrower", Props.Create(() => new Misbehaving("throw")), "misbehaving");
            await sim.RunTicksAsync(2);
            await sim.SendInputAsync("start");
            await sim.SendInputAsync("trigger");
            await sim.SendInputAsync("input.news", new Dictionary<string, object?> { ["text"] = "rates up" });
            await sim.RunTicksAsync(3);
            await sim.DespawnAsync("trader-3");
            await sim.RunTicksAsync(2);
            var stored = await sim.Coordinator.Ask<StoredTicks>(new GetStoredTicks(0), TimeSpan.FromSeconds(30));
            return (Export(await sim.GetLogAsync()), [.. stored.Ticks.Select(t => t.Checksum)]);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
