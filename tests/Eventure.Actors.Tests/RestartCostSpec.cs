using Akka.Actor;
using Akka.TestKit.Xunit2;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

/// <summary>
/// What a restart costs: a <see cref="SimulationEntity{TState}"/> that faults again and again is rebuilt from the state
/// its faulted incarnation hands over, so it never reads its history and folds each of its own events once, however
/// long its history and however many faults; an entity that folds into fields replays its history on every fault.
/// </summary>
public sealed class RestartCostSpec : TestKit
{
    private const int Ticks = 24;

    [Fact]
    public async Task An_entity_with_a_state_value_should_fold_each_own_event_once_and_read_no_history_however_often_it_faults()
    {
        var (reads, applied, log) = await RunAsync(tally => Props.Create(() => new ValueTally(tally)));

        var own = log.Events.Count(e => e.Type == "tally.beat");
        var faults = log.Events.Count(e => e.Type == "entity.faulted");
        Assert.Equal(Ticks / 2 * 3, own);
        Assert.Equal(Ticks / 2, faults);
        Assert.Equal(0, reads.Value);

        // Each own event folded once when it came back with its id (those of the last wave may still be on their way).
        Assert.InRange(applied.Value, own - 2, own);

        // The state went on across every restart: the last beat counts all the earlier ones.
        Assert.Equal((long)own, log.Events.Last(e => e.Type == "tally.beat").Data["count"]);
    }

    [Fact]
    public async Task An_entity_that_folds_into_fields_should_replay_its_history_on_every_fault()
    {
        var (reads, applied, log) = await RunAsync(tally => Props.Create(() => new FieldTally(tally)));

        var own = log.Events.Count(e => e.Type == "tally.beat");
        Assert.Equal(Ticks / 2, reads.Value);
        Assert.True(applied.Value > own * 3, $"expected the history replayed on each fault: {applied.Value} folds of {own} events");
    }

    private async Task<(Counter Reads, Counter Applied, EventLog Log)> RunAsync(Func<Counter, Props> props)
    {
        var reads = new Counter();
        var applied = new Counter();
        var log = Sys.ActorOf(Props.Create(() => new CountingLog(reads)));
        var sim = await Simulation.StartAsync(Sys, Options(log: log));
        await sim.SpawnAsync("ticker", Props.Create(() => new Ticker()));
        await sim.SpawnAsync("tally", props(applied));
        await sim.RunTicksAsync(Ticks);
        return (reads, applied, await sim.GetLogAsync());
    }

    /// <summary>A count shared between a test and the entity incarnations it creates (touched by one actor at a time).</summary>
    private sealed class Counter
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Add() => Interlocked.Increment(ref _value);
    }

    /// <summary>Publishes <c>tick.go</c> every tick.</summary>
    private sealed class Ticker : SimulationEntity
    {
        protected override void OnTick(long tick) => Publish("tick.go", new Dictionary<string, object?> { ["tick"] = tick });
    }

    /// <summary>
    /// The tally's behavior: a beat on its Tick and one on each <c>tick.go</c>, each counting its beats so far; on odd
    /// ticks it throws after its second beat (which is rolled back), so half the ticks cost a restart.
    /// </summary>
    private static void React(long beats, long tick, Action<long> publish, bool onTick)
    {
        publish(beats + 1);
        if (!onTick && tick % 2 == 1)
        {
            throw new InvalidOperationException($"the tally trips on tick {tick}");
        }
    }

    private sealed record Beats(long Count);

    /// <summary>The tally with its state as a value.</summary>
    private sealed class ValueTally(Counter applied) : SimulationEntity<Beats>
    {
        protected override Beats InitialState => new(0);

        protected override void OnStart() => Subscribe("tick.go");

        protected override void OnTick(long tick) => React(Projected.Count, tick, Beat, onTick: true);

        protected override void OnEvent(Event e) => React(Projected.Count, CurrentTick, Beat, onTick: false);

        protected override Beats Apply(Beats state, Event e)
        {
            if (e.Id != ProvisionalId)
            {
                applied.Add();
            }

            return new Beats(state.Count + 1);
        }

        private void Beat(long count) => Publish("tally.beat", new Dictionary<string, object?> { ["count"] = count });
    }

    /// <summary>The same tally folding into a field.</summary>
    private sealed class FieldTally(Counter applied) : SimulationEntity
    {
        private long _beats;

        protected override void OnStart() => Subscribe("tick.go");

        protected override void OnTick(long tick) => React(_beats, tick, Beat, onTick: true);

        protected override void OnEvent(Event e) => React(_beats, CurrentTick, Beat, onTick: false);

        protected override void Apply(Event e)
        {
            applied.Add();
            _beats++;
        }

        private void Beat(long count) => Publish("tally.beat", new Dictionary<string, object?> { ["count"] = count });
    }

    /// <summary>An in-memory log that counts history reads.</summary>
    private sealed class CountingLog : ReceiveActor
    {
        public CountingLog(Counter reads)
        {
            var inner = Context.ActorOf(InMemoryEventLogActor.Props());
            Receive<GetOwnHistory>(get =>
            {
                reads.Add();
                inner.Forward(get);
            });
            ReceiveAny(message => inner.Forward(message));
        }
    }
}
