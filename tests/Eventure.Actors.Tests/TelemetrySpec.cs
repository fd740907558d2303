using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Persistence;
using Eventure.Actors.Tests.TestEntities;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Eventure.Actors.Tests;

/// <summary>
/// The <c>Eventure</c> meter and activity source, read the .NET way (<see cref="MeterListener"/>,
/// <see cref="ActivityListener"/>) and through the OpenTelemetry SDK as docs/observability.md wires it. Every
/// measurement is tagged with the simulation id; other specs run simulations in parallel, so each test reads its own.
/// </summary>
public sealed class TelemetrySpec : TestKit
{
    [Fact]
    public async Task A_run_and_its_resume_should_report_ticks_events_deliveries_persist_and_recovery_of_their_simulation()
    {
        var id = $"metrics-{Guid.NewGuid():N}";
        var measured = new ConcurrentQueue<(string Instrument, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EventureTelemetry.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Take(measured, id, i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Take(measured, id, i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Take(measured, id, i, v, tags));
        listener.Start();

        var log = await RunAndResumeAsync(id);

        var incremented = log.Events.Count(e => e.Type == "counter.incremented");
        Assert.Equal(4, incremented);
        Assert.Equal(4, Sum(measured, "eventure.ticks"));
        Assert.Equal(Enumerable.Range(0, 4).Select(t => (double)log.GetEventsAtTick(t).Count), Values(measured, "eventure.tick.events"));
        Assert.Equal(2 * incremented, Sum(measured, "eventure.deliveries"));
        Assert.Equal(3, Sum(measured, "eventure.recovery.ticks"));
        Assert.Equal(2, Values(measured, "eventure.recovery.duration").Length);
        Assert.Equal(4, Values(measured, "eventure.tick.duration").Count(seconds => seconds > 0));
        Assert.Equal(4, Values(measured, "eventure.persist.duration").Count(seconds => seconds > 0));
    }

    [Fact]
    public async Task Every_tick_should_be_a_root_span_with_its_number_events_and_waves()
    {
        var id = $"spans-{Guid.NewGuid():N}";
        var spans = new ConcurrentQueue<Activity>();
        using var listener = ListenToSpans(id, spans);

        var log = await RunAndResumeAsync(id);

        var ticks = spans.OrderBy(s => (long)s.GetTagItem("eventure.tick")!).ToArray();
        Assert.All(ticks, span => Assert.Equal("eventure.tick", span.OperationName));
        Assert.All(ticks, span => Assert.Null(span.ParentId));
        Assert.All(ticks, span => Assert.Equal(ActivityStatusCode.Unset, span.Status));
        Assert.Equal([0L, 1L, 2L, 3L], ticks.Select(s => (long)s.GetTagItem("eventure.tick")!));
        Assert.Equal(Enumerable.Range(0, 4).Select(t => log.GetEventsAtTick(t).Count), ticks.Select(s => (int)s.GetTagItem("eventure.tick.events")!));
        var waves = ticks.Select(s => (int)s.GetTagItem("eventure.tick.waves")!).ToArray();
        Assert.All(waves, w => Assert.Equal(waves[1], w));
        Assert.True(waves[1] >= 1, $"waves per tick: {waves[1]}");
    }

    [Fact]
    public async Task A_tick_that_fails_should_end_its_span_with_an_error_naming_the_cause_and_count_no_tick()
    {
        var id = $"failing-{Guid.NewGuid():N}";
        var spans = new ConcurrentQueue<Activity>();
        using var listener = ListenToSpans(id, spans);
        using var system = ActorSystem.Create("telemetry-failing", EventureConfig.InMemory());
        try
        {
            var sim = await Simulation.StartAsync(system, new SimulationOptions { Id = id, Settings = EventureSettings.Default with { MaxWaves = 5 } });
            await sim.SpawnAsync("echo", Props.Create(() => new Misbehaving("loop")));

            await Assert.ThrowsAsync<SimulationException>(() => sim.RunTicksAsync(1));
        }
        finally
        {
            await system.Terminate();
        }

        var span = Assert.Single(spans);
        Assert.Equal(0L, span.GetTagItem("eventure.tick"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Contains("eventure.cascade.max-waves (5)", span.StatusDescription, StringComparison.Ordinal);
        Assert.Null(span.GetTagItem("eventure.tick.events"));
    }

    [Fact]
    public async Task The_OpenTelemetry_SDK_should_export_the_metrics_and_spans_of_a_run()
    {
        var id = $"otel-{Guid.NewGuid():N}";
        var metrics = new List<Metric>();
        var spans = new List<Activity>();
        using (var meters = Sdk.CreateMeterProviderBuilder().AddMeter(EventureTelemetry.MeterName).AddInMemoryExporter(metrics).Build())
        using (var tracer = Sdk.CreateTracerProviderBuilder().AddSource(EventureTelemetry.ActivitySourceName).AddInMemoryExporter(spans).Build())
        {
            await RunAndResumeAsync(id);
            meters.ForceFlush();
            tracer.ForceFlush();
        }

        string[] expected = ["eventure.deliveries", "eventure.persist.duration", "eventure.recovery.duration", "eventure.recovery.ticks", "eventure.tick.duration", "eventure.tick.events", "eventure.ticks"];
        Assert.Equal(expected, metrics.Where(m => HasPointOf(m, id)).Select(m => m.Name).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(4, spans.Count(s => Equals(s.GetTagItem(EventureTelemetry.SimulationTag), id)));
    }

    [Fact]
    public void Nothing_should_be_measured_or_traced_while_nobody_listens()
    {
        var trace = EventureTelemetry.StartTick("unheard", 0);

        Assert.Equal(0, trace.Started);
        Assert.Null(trace.Span);
        Assert.Equal(0, EventureTelemetry.Now());
    }

    /// <summary>Three ticks, a stop, a resume on the same journal (it replays them) and one more tick.</summary>
    private static async Task<EventLog> RunAndResumeAsync(string id)
    {
        using var system = ActorSystem.Create("telemetry", EventureConfig.InMemory());
        try
        {
            var sim = await Simulation.StartAsync(system, Options(id));
            await sim.SpawnAsync("counter", "counter");
            await sim.SpawnManyAsync(["listener-1", "listener-2"], _ => Listener());
            await sim.RunTicksAsync(3);
            await sim.StopAsync();

            var resumed = await Simulation.StartAsync(system, Options(id));
            await resumed.RunTicksAsync(1);
            var log = await resumed.GetLogAsync();
            await resumed.StopAsync();
            return log;
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static SimulationOptions Options(string id) => new()
    {
        Id = id,
        LogProps = EventLogActor.Props(id, new EventLogSettings(EveryTicks: 0, Keep: 1)),
        Entities = new EntityRegistry().Register<Counter>("counter").Register("listener", typeof(Recorder), Listener),
        AskTimeout = TimeSpan.FromSeconds(20),
        RunTimeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Collects the ended spans of simulation <paramref name="id"/> until the returned listener is disposed.</summary>
    private static ActivityListener ListenToSpans(string id, ConcurrentQueue<Activity> into)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EventureTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (Equals(span.GetTagItem(EventureTelemetry.SimulationTag), id))
                {
                    into.Enqueue(span);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static Props Listener() => Props.Create(() => new Recorder(ActorRefs.Nobody, new[] { "counter.*" }, null, false));

    private static void Take<T>(ConcurrentQueue<(string, double)> into, string id, Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        foreach (var tag in tags)
        {
            if (tag.Key == EventureTelemetry.SimulationTag && Equals(tag.Value, id))
            {
                into.Enqueue((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }

    private static double Sum(IEnumerable<(string Instrument, double Value)> measured, string instrument) =>
        measured.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    private static double[] Values(IEnumerable<(string Instrument, double Value)> measured, string instrument) =>
        [.. measured.Where(m => m.Instrument == instrument).Select(m => m.Value)];

    private static bool HasPointOf(Metric metric, string id)
    {
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key == EventureTelemetry.SimulationTag && Equals(tag.Value, id))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
