using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Persistence;
using Eventure.Actors.Tests.Persistence;
using Eventure.Persistence.Sql;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

/// <summary>
/// <see cref="SimulationEntity{TState}"/>: state is a value changed only by <c>Apply</c>; <c>Projected</c> sees what
/// the entity published earlier in the same wave; a restart hands the state over without reading any history; a
/// snapshot stores it as JSON (dictionary order included) and a resume starts from it.
/// </summary>
public sealed class StateEntitySpec : TestKit
{
    [Fact]
    public async Task Projected_should_fold_what_the_entity_published_earlier_in_the_same_wave()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("ledger", Props.Create(() => new Ledger()));
        await sim.SendInputAsync("deposit", new Dictionary<string, object?> { ["amount"] = 5L });
        await sim.SendInputAsync("deposit", new Dictionary<string, object?> { ["amount"] = 7L });
        await sim.RunTicksAsync(2);

        var log = await sim.GetLogAsync();
        // Both deposits arrive in wave 0 of tick 0; the second balance builds on the first before either is stored.
        Assert.Equal([5L, 12L], log.GetEventsAtTick(0).Where(e => e.Type == "ledger.balance").Select(e => (long)e.Data["balance"]!));
    }

    [Fact]
    public async Task A_restart_should_hand_the_state_over_without_reading_the_history()
    {
        var reads = CreateTestProbe();
        var log = Sys.ActorOf(Props.Create(() => new CountingLog(reads)));
        var sim = await Simulation.StartAsync(Sys, Options(log: log));
        await sim.SpawnAsync("ledger", Props.Create(() => new Ledger()));
        foreach (var amount in new long[] { 5, 7, -1, 3 })
        {
            await sim.SendInputAsync("deposit", new Dictionary<string, object?> { ["amount"] = amount });
        }

        await EventFilter.Exception<InvalidOperationException>().ExpectOneAsync(() => sim.RunTicksAsync(2));
        var events = (await sim.GetLogAsync()).GetEventsAtTick(0);

        Assert.Equal([5L, 12L, 15L], events.Where(e => e.Type == "ledger.balance").Select(e => (long)e.Data["balance"]!));
        Assert.Single(events, e => e.Type == "entity.faulted");
        await reads.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_resume_should_start_from_the_snapshot_state_with_its_dictionary_order()
    {
        using var db = new TempDatabase();
        var straight = await RunWordsAsync(db.Path, 7);
        using var again = new TempDatabase();
        await RunWordsAsync(again.Path, 4);

        var resumed = await RunWordsAsync(again.Path, 3);

        Assert.Equal(straight, resumed);
        Assert.Contains("\"order\": \"zeta,alpha,mid,beta\"", resumed, StringComparison.Ordinal);
        Assert.True(again.Count("select count(*) from snapshot where manifest = 'rt1'") > 0);
    }

    [Fact]
    public void The_state_should_round_trip_through_json_keeping_dictionary_order()
    {
        var words = new Words(ImmutableDictionary<string, long>.Empty, []);
        foreach (var word in new[] { "zeta", "alpha", "mid", "beta" })
        {
            words = words.Add(word);
        }

        var json = System.Text.Json.JsonSerializer.Serialize(words);
        var back = System.Text.Json.JsonSerializer.Deserialize<Words>(json)!;

        Assert.Equal(["zeta", "alpha", "mid", "beta"], back.Order.ToArray());
        Assert.Equal(words.Counts.OrderBy(c => c.Key), back.Counts.OrderBy(c => c.Key));
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(back));
    }

    private static async Task<string> RunWordsAsync(string db, int ticks)
    {
        using var system = ActorSystem.Create("words", Akka.Configuration.ConfigurationFactory.ParseString("eventure.snapshot.every-ticks = 2").WithFallback(EventureConfig.Sqlite(db)));
        try
        {
            var options = new SimulationOptions { Id = "words", Seed = 3, LogProps = EventLogActor.Props("words", EventLogSettings.Create(system.Settings.Config)) };
            options.Entities.Register<Speaker>("speaker");
            var sim = await Simulation.StartAsync(system, options);
            if ((await sim.GetStatusAsync()).EntityCount == 0)
            {
                await sim.SpawnAsync("speaker", "speaker");
            }

            await sim.RunTicksAsync(ticks);
            var export = Export(await sim.GetLogAsync());
            await sim.StopAsync();
            return export;
        }
        finally
        {
            await system.Terminate();
        }
    }

    public sealed record Balance(long Amount);

    /// <summary>Adds each deposit to its balance; throws on a negative one.</summary>
    private sealed class Ledger : SimulationEntity<Balance>
    {
        protected override Balance InitialState => new(0);

        protected override void OnStart() => Subscribe("deposit");

        protected override void OnEvent(Event e)
        {
            var amount = (long)e.Data["amount"]!;
            if (amount < 0)
            {
                throw new InvalidOperationException("no withdrawals");
            }

            Publish("ledger.balance", new Dictionary<string, object?> { ["balance"] = Projected.Amount + amount });
        }

        protected override Balance Apply(Balance state, Event e) => new((long)e.Data["balance"]!);
    }

    /// <summary>Counts words in the order it first said them (a dictionary plus an order that must survive snapshots).</summary>
    public sealed record Words(ImmutableDictionary<string, long> Counts, ImmutableArray<string> Order)
    {
        public Words Add(string word) => new(Counts.SetItem(word, Counts.GetValueOrDefault(word) + 1), Counts.ContainsKey(word) ? Order : Order.Add(word));
    }

    private sealed class Speaker : SimulationEntity<Words>
    {
        private static readonly string[] Vocabulary = ["zeta", "alpha", "mid", "beta"];

        protected override Words InitialState => new(ImmutableDictionary<string, long>.Empty, []);

        protected override void OnTick(long tick) =>
            Publish("said", new Dictionary<string, object?> { ["word"] = Vocabulary[(int)(tick % 4)], ["order"] = string.Join(',', State.Order) });

        protected override Words Apply(Words state, Event e) => state.Add((string)e.Data["word"]!);

        protected override long StateChecksum() => State.Order.Length * 1000 + State.Counts.Values.Sum();
    }

    /// <summary>An in-memory log that reports every history read to a probe.</summary>
    private sealed class CountingLog : ReceiveActor
    {
        public CountingLog(IActorRef reads)
        {
            var inner = Context.ActorOf(InMemoryEventLogActor.Props());
            Receive<GetOwnHistory>(get =>
            {
                reads.Tell(get);
                inner.Forward(get);
            });
            ReceiveAny(message => inner.Forward(message));
        }
    }
}
