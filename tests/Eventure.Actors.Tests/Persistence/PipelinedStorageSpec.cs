using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence.TestKit;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Persistence;
using Eventure.Actors.Tests.TestEntities;

namespace Eventure.Actors.Tests.Persistence;

/// <summary>
/// Storage that overlaps the next ticks (<c>eventure.tick.max-unstored-ticks</c>): the coordinator runs ahead of the
/// journal by at most that many ticks, acknowledges nothing before it is stored, and the log stores rows in the order
/// sent, several per write, with reads after the writes sent before them and nothing stored after a failed write.
/// </summary>
public sealed class PipelinedStorageSpec : TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public PipelinedStorageSpec()
        : base(TestJournals.Config().WithFallback(EventureConfig.Default))
    {
    }

    private ITestJournal Journal => TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));

    [Fact]
    public async Task A_run_should_go_at_most_max_unstored_ticks_ahead_of_the_journal_and_complete_only_once_all_are_stored()
    {
        var stores = CreateTestProbe();
        var completed = CreateTestProbe();
        var log = Sys.ActorOf(Props.Create(() => new GatedLog(stores.Ref)));
        var options = new SimulationOptions { Id = "gated", Seed = 1, Log = log, Settings = EventureSettings.Default with { MaxUnstoredTicks = 3 } };
        options.Entities.Register<Counter>("counter");
        var sim = await Simulation.StartAsync(Sys, options);
        await sim.SpawnAsync("c1", "counter");
        sim.WatchTicks(completed.Ref);

        var run = sim.RunTicksAsync(10);

        // Three completed ticks wait for the journal while a fourth runs; then the clock stops.
        Assert.Equal([0L, 1L, 2L, 3L], Enumerable.Range(0, 4).Select(_ => stores.ExpectMsg<StoreTick>(Patience).Record.Tick));
        stores.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        completed.ExpectNoMsg(TimeSpan.Zero);
        Assert.Equal(0, (await sim.GetStatusAsync()).NextTick);

        // Each stored tick lets one more run, and is announced only once stored.
        for (var tick = 4; tick < 10; tick++)
        {
            log.Tell(GatedLog.Release.One);
            Assert.Equal(tick - 4, completed.ExpectMsg<TickCompleted>(Patience).Tick);
            Assert.Equal(tick, stores.ExpectMsg<StoreTick>(Patience).Record.Tick);
        }

        log.Tell(GatedLog.Release.One);
        log.Tell(GatedLog.Release.One);
        log.Tell(GatedLog.Release.One);
        Assert.Equal([6L, 7L, 8L], Enumerable.Range(0, 3).Select(_ => completed.ExpectMsg<TickCompleted>(Patience).Tick));
        Assert.False(run.IsCompleted, "the run completed before its last tick was stored");

        log.Tell(GatedLog.Release.One);
        Assert.Equal(9, completed.ExpectMsg<TickCompleted>(Patience).Tick);
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(10, (await sim.GetStatusAsync()).NextTick);
        await sim.StopAsync();
    }

    [Fact]
    public async Task Pipelined_and_stepwise_runs_should_store_the_same_journal()
    {
        var exports = new List<string>();
        foreach (var maxUnstored in new[] { 0, 1, 4, 32 })
        {
            var id = $"same-{maxUnstored}";
            var options = new SimulationOptions { Id = id, Seed = 5, LogProps = EventLogActor.Props(id, new EventLogSettings(EveryTicks: 7, Keep: 2)), Settings = EventureSettings.Default with { MaxUnstoredTicks = maxUnstored } };
            options.Entities.Register("chatter", typeof(Chatter), () => Props.Create(() => new Chatter(40, 300, 0)));
            var sim = await Simulation.StartAsync(Sys, options);
            for (var i = 0; i < 6; i++)
            {
                await sim.SpawnAsync(Chatter.IdOf(i), "chatter");
            }

            await sim.RunTicksAsync(25);
            await sim.StopAsync();

            // Resumed from its newest snapshot (tick 20), the simulation goes on as one that never stopped.
            var resumed = await Simulation.StartAsync(Sys, options);
            await resumed.RunTicksAsync(5);
            var log = await resumed.GetLogAsync();
            Assert.Equal(29, log.Events.Max(e => e.Tick));
            exports.Add(SimulationFixture.Export(log));
            await resumed.StopAsync();
        }

        Assert.All(exports, export => Assert.Equal(exports[0], export));
    }

    [Fact]
    public async Task Rows_sent_together_should_be_stored_in_order_and_a_read_should_see_every_row_sent_before_it()
    {
        await Journal.OnWrite.PassWithDelay(TimeSpan.FromMilliseconds(100));
        var log = Sys.ActorOf(EventLogActor.Props("ordered", new EventLogSettings(EveryTicks: 0, Keep: 1)));

        for (var tick = 0; tick < 20; tick++)
        {
            log.Tell(Tick(tick));
        }

        log.Tell(new GetStoredTicks(0));

        Assert.Equal(Enumerable.Range(0, 20).Select(t => (long)t), Enumerable.Range(0, 20).Select(_ => ExpectMsg<TickAppended>(Patience).Tick));
        var read = ExpectMsg<StoredTicks>(Patience);
        Assert.Equal(Enumerable.Range(0, 20).Select(t => (long)t), read.Ticks.Select(t => t.Tick));
    }

    [Fact]
    public async Task After_a_refused_write_nothing_later_should_be_stored()
    {
        var log = Sys.ActorOf(EventLogActor.Props("refused", new EventLogSettings(EveryTicks: 0, Keep: 1)));
        log.Tell(Tick(0));
        ExpectMsg<TickAppended>(Patience);

        await Journal.OnWrite.Reject();
        log.Tell(Tick(1));
        log.Tell(Tick(2));
        log.Tell(Tick(3));
        var refused = Enumerable.Range(0, 3).Select(_ => ExpectMsg<AppendTickFailed>(Patience)).ToArray();
        await Journal.OnWrite.Pass();
        log.Tell(Tick(4));
        var later = ExpectMsg<AppendTickFailed>(Patience);
        log.Tell(new GetStoredTicks(0));

        Assert.Equal([1L, 2L, 3L], refused.Select(f => f.Tick));
        Assert.All(refused, f => Assert.Contains("rejected", f.Reason, StringComparison.Ordinal));
        Assert.Equal(4, later.Tick);
        Assert.Contains("an earlier write failed", later.Reason, StringComparison.Ordinal);
        Assert.Equal([0L], ExpectMsg<StoredTicks>(Patience).Ticks.Select(t => t.Tick));
    }

    private static AppendTick Tick(long tick) =>
        new(tick, [new Event(tick, tick, "t.happened", new Dictionary<string, object?> { ["n"] = tick }, $"{tick}-AAAA-1")], ["e1"], Checksum: tick);


    /// <summary>
    /// An in-memory log whose tick acknowledgements wait until the test releases them one by one; it reports every
    /// <see cref="StoreTick"/> to a probe. Everything else passes straight through.
    /// </summary>
    private sealed class GatedLog : ReceiveActor
    {
        private readonly Queue<(IActorRef Coordinator, TickAppended Stored)> _held = new();
        private readonly IActorRef _inner = Context.ActorOf(InMemoryEventLogActor.Props());
        private readonly Dictionary<long, IActorRef> _senders = [];
        private int _released;

        public GatedLog(IActorRef stores)
        {
            Receive<StoreTick>(store =>
            {
                _senders[store.Record.Tick] = Sender;
                stores.Tell(store);
                _inner.Tell(store);
            });
            Receive<TickAppended>(stored =>
            {
                _held.Enqueue((_senders[stored.Tick], stored));
                Pass();
            });
            Receive<Release>(_ =>
            {
                _released++;
                Pass();
            });
            ReceiveAny(message => _inner.Forward(message));
        }

        private void Pass()
        {
            while (_released > 0 && _held.TryDequeue(out var held))
            {
                _released--;
                held.Coordinator.Tell(held.Stored);
            }
        }

        public sealed record Release
        {
            public static Release One { get; } = new();
        }
    }
}
