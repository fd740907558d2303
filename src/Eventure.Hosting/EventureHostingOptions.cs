using Akka.Configuration;
using Akka.Hosting;

namespace Eventure.Hosting;

/// <summary>Runtime settings set from code; each one left null keeps the <c>reference.conf</c> default.</summary>
public sealed class EventureHostingOptions
{
    /// <summary><c>eventure.tick.timeout</c>: how long a tick waits for a silent entity.</summary>
    public TimeSpan? TickTimeout { get; set; }

    /// <summary><c>eventure.cascade.max-waves</c>.</summary>
    public int? MaxWaves { get; set; }

    /// <summary><c>eventure.cascade.max-events-per-tick</c>.</summary>
    public int? MaxEventsPerTick { get; set; }

    /// <summary><c>eventure.snapshot.every-ticks</c> (0 = never).</summary>
    public int? SnapshotEveryTicks { get; set; }

    /// <summary><c>eventure.snapshot.keep</c>.</summary>
    public int? SnapshotKeep { get; set; }

    /// <summary><c>eventure.snapshot.growth</c>.</summary>
    public double? SnapshotGrowth { get; set; }

    /// <summary>
    /// <c>eventure.writer.lease</c>: <c>off</c>, <c>auto</c>, or the configuration path of an Akka.Coordination lease
    /// section that guards each simulation's writer.
    /// </summary>
    public string? WriterLease { get; set; }

    /// <summary>The settings that are set, as configuration.</summary>
    internal Config ToConfig() => ConfigurationFactory.ParseString(ToHocon());

    /// <summary>The settings as HOCON assignments.</summary>
    internal string ToHocon()
    {
        var lines = new List<string>();
        Add(lines, "eventure.tick.timeout", TickTimeout is { } timeout ? $"{(long)timeout.TotalMilliseconds}ms" : null);
        Add(lines, "eventure.cascade.max-waves", MaxWaves?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(lines, "eventure.cascade.max-events-per-tick", MaxEventsPerTick?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(lines, "eventure.snapshot.every-ticks", SnapshotEveryTicks?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(lines, "eventure.snapshot.keep", SnapshotKeep?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(lines, "eventure.snapshot.growth", SnapshotGrowth?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(lines, "eventure.writer.lease", WriterLease?.ToHocon());
        return string.Join('\n', lines);
    }

    private static void Add(List<string> lines, string key, string? value)
    {
        if (value is not null)
        {
            lines.Add($"{key} = {value}");
        }
    }
}
