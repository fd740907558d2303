using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

/// <summary>
/// The names under which Eventure reports metrics (a <see cref="Meter"/>) and traces (an <see cref="ActivitySource"/>):
/// listen with <c>dotnet-counters monitor --counters Eventure</c>, or add both names to the OpenTelemetry SDK
/// (<c>AddMeter(EventureTelemetry.MeterName)</c>, <c>AddSource(EventureTelemetry.ActivitySourceName)</c>). Nothing is
/// measured while nobody listens.
/// </summary>
/// <remarks>
/// <para>Instruments, each tagged with <c>eventure.simulation</c> (the simulation id):
/// <c>eventure.ticks</c> (counter, ticks stored), <c>eventure.tick.duration</c> (histogram, seconds from a tick's start
/// until it is stored), <c>eventure.tick.events</c> (histogram, events per tick), <c>eventure.deliveries</c> (counter,
/// events delivered to subscribed entities), <c>eventure.persist.duration</c> (histogram, seconds the journal took to
/// store a tick's row), <c>eventure.recovery.ticks</c> (counter, ticks replayed from the journal while a log recovers)
/// and <c>eventure.recovery.duration</c> (histogram, seconds a log took to recover).</para>
/// <para>Spans: one <c>eventure.tick</c> span per tick, from its start until it is stored, with the tags
/// <c>eventure.simulation</c>, <c>eventure.tick</c> (the tick number), <c>eventure.tick.events</c> and
/// <c>eventure.tick.waves</c>; a tick that fails ends its span with status <see cref="ActivityStatusCode.Error"/> and
/// the reason. Tick spans are roots: ticks are driven by the clock, not by a caller.</para>
/// <para>See docs/observability.md.</para>
/// </remarks>
public static class EventureTelemetry
{
    /// <summary>The name of Eventure's <see cref="Meter"/>.</summary>
    public const string MeterName = "Eventure";

    /// <summary>The name of Eventure's <see cref="ActivitySource"/>.</summary>
    public const string ActivitySourceName = "Eventure";

    /// <summary>The tag naming the simulation on every measurement and span.</summary>
    public const string SimulationTag = "eventure.simulation";

    private static readonly string? Version = typeof(EventureTelemetry).Assembly.GetName().Version?.ToString();
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    };

    private static readonly InstrumentAdvice<int> Counts = new()
    {
        HistogramBucketBoundaries = [0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000],
    };

    private static readonly Meter Meter = new(MeterName, Version);
    private static readonly ActivitySource Source = new(ActivitySourceName, Version);
    private static readonly Counter<long> Ticks = Meter.CreateCounter<long>("eventure.ticks", "{tick}", "Ticks completed and stored.");
    private static readonly Histogram<double> TickDuration =
        Meter.CreateHistogram("eventure.tick.duration", "s", "Time from a tick's start until it is stored.", tags: null, Seconds);

    private static readonly Histogram<int> TickEvents = Meter.CreateHistogram("eventure.tick.events", "{event}", "Events per tick.", tags: null, Counts);
    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("eventure.deliveries", "{delivery}", "Events delivered to subscribed entities.");
    private static readonly Histogram<double> PersistDuration =
        Meter.CreateHistogram("eventure.persist.duration", "s", "Time from a tick's row reaching the log until it is stored (waiting behind earlier writes included).", tags: null, Seconds);

    private static readonly Counter<long> RecoveryTicks = Meter.CreateCounter<long>("eventure.recovery.ticks", "{tick}", "Ticks replayed from the journal while a log recovers.");
    private static readonly Histogram<double> RecoveryDuration =
        Meter.CreateHistogram("eventure.recovery.duration", "s", "Time a simulation's log took to recover from its journal.", tags: null, Seconds);

    /// <summary>A timestamp for a later duration, or 0 when no duration instrument is listened to.</summary>
    internal static long Now() => TickDuration.Enabled || PersistDuration.Enabled || RecoveryDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Starts timing and tracing a tick (nothing when nobody listens).</summary>
    internal static TickTrace StartTick(string simulationId, long tick)
    {
        Activity? span = null;
        if (Source.HasListeners())
        {
            // A root span that does not become Activity.Current: the actor's thread goes on to other messages.
            var ambient = Activity.Current;
            Activity.Current = null;
            span = Source.StartActivity("eventure.tick", ActivityKind.Internal, parentContext: default, [new(SimulationTag, simulationId), new("eventure.tick", tick)]);
            Activity.Current = ambient;
        }

        return new TickTrace(TickDuration.Enabled ? Stopwatch.GetTimestamp() : 0, span);
    }

    /// <summary>A tick is stored: count it and end its span.</summary>
    internal static void TickStored(TickTrace trace, string simulationId, TickRecord record)
    {
        var tag = new KeyValuePair<string, object?>(SimulationTag, simulationId);
        Ticks.Add(1, tag);
        TickEvents.Record(record.Events.Length, tag);
        if (trace.Started != 0)
        {
            TickDuration.Record(Stopwatch.GetElapsedTime(trace.Started).TotalSeconds, tag);
        }

        trace.Stop(record.Events.Length, record.Waves, failure: null);
    }

    /// <summary>One wave's deliveries, counted when someone listens.</summary>
    internal static void Delivered(string simulationId, ImmutableArray<PartitionWork> work)
    {
        if (!Deliveries.Enabled)
        {
            return;
        }

        long count = 0;
        foreach (var partition in work)
        {
            foreach (var entity in partition.Entities)
            {
                count += entity.Deliveries.Length;
            }
        }

        Deliveries.Add(count, new KeyValuePair<string, object?>(SimulationTag, simulationId));
    }

    /// <summary>A tick row is stored; <paramref name="started"/> is from <see cref="Now"/>.</summary>
    internal static void Persisted(string simulationId, long started)
    {
        if (started != 0)
        {
            PersistDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(SimulationTag, simulationId));
        }
    }

    /// <summary>A log replayed a tick from its journal.</summary>
    internal static void RecoveredTick(string simulationId) => RecoveryTicks.Add(1, new KeyValuePair<string, object?>(SimulationTag, simulationId));

    /// <summary>A log finished recovering; <paramref name="started"/> is from <see cref="Now"/>.</summary>
    internal static void Recovered(string simulationId, long started)
    {
        if (started != 0)
        {
            RecoveryDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(SimulationTag, simulationId));
        }
    }

    /// <summary>A running tick's timing and span.</summary>
    /// <param name="Started">Its start timestamp, or 0 when it is not timed.</param>
    /// <param name="Span">Its span, or null when nobody traces.</param>
    internal readonly record struct TickTrace(long Started, Activity? Span)
    {
        /// <summary>Ends the span (once) with the tick's figures, or with the reason it failed.</summary>
        public void Stop(int events, int waves, string? failure)
        {
            if (Span is not { IsStopped: false } span)
            {
                return;
            }

            if (failure is null)
            {
                span.SetTag("eventure.tick.events", events).SetTag("eventure.tick.waves", waves);
            }
            else
            {
                span.SetStatus(ActivityStatusCode.Error, failure);
            }

            // Stopping restores Activity.Current to what it was when the span started; keep this thread's instead.
            var ambient = Activity.Current;
            span.Stop();
            Activity.Current = ambient;
        }

        /// <summary>Ends the span of a tick that failed.</summary>
        public void Fail(string reason) => Stop(0, 0, reason);
    }
}
