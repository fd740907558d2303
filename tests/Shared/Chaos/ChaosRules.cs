using System.Globalization;
using Akka.Actor;
using Eventure.Actors;

namespace Eventure.TestSupport.Chaos;

/// <summary>What the chaos rules need from an entity (its protected API, passed through).</summary>
internal interface IChaosHost
{
    string Id { get; }

    long Tick { get; }

    Random Random { get; }

    IActorRef Self { get; }

    /// <summary>How many events the entity has published so far (its state).</summary>
    long Published { get; }

    void Publish(string type, IReadOnlyDictionary<string, object?> data);

    void PublishAt(long tick, string type, IReadOnlyDictionary<string, object?> data);

    void Subscribe(string pattern);

    void Unsubscribe(string pattern);

    void Despawn();

    DeferredReply DeferReply();
}

/// <summary>
/// The behavior of every chaos entity, as decisions hashed from the plan's seed, the entity id and the event id (or the
/// tick), plus the tick's seeded <c>Random</c> on ticks. Nothing depends on timing or on which incarnation handles a
/// message, so a restart, a resume or another thread count changes nothing.
/// </summary>
internal static class ChaosRules
{
    private static readonly string[] Colors = ["red", "green", "blue", "amber"];
    private static readonly string[] Actions = ["ping", "pong", "poke", "warn"];

    /// <summary>A random event type of the chaos vocabulary (16 types).</summary>
    public static string RandomType(Random random) => $"{Colors[random.Next(Colors.Length)]}.{Actions[random.Next(Actions.Length)]}";

    public static void OnStart(IChaosHost host, ChaosKnobs knobs)
    {
        var h = Hash(knobs, host.Id, "start", string.Empty);
        var count = 2 + (int)(h % 2);
        for (var k = 0; k < count; k++)
        {
            host.Subscribe(PatternOf(Hash(knobs, host.Id, "pattern", k.ToString(CultureInfo.InvariantCulture))));
        }

        if (h % 11 == 0)
        {
            host.Subscribe("*");
        }

        if (h % 7 == 3)
        {
            host.Subscribe("entity.*");
        }
    }

    public static void OnTick(IChaosHost host, ChaosKnobs knobs, long tick)
    {
        var key = tick.ToString(CultureInfo.InvariantCulture);
        var h = Hash(knobs, host.Id, "tick", key);
        var faultFirst = (h & 1) == 0;
        if (faultFirst && Chance(h >> 1, knobs.FaultPermille / 2))
        {
            throw new ChaosException($"{host.Id} trips on tick {tick}");
        }

        if (host.Random.Next(100) < knobs.PublishPercent)
        {
            host.Publish(RandomType(host.Random), Data(host, 0));
        }

        if (Chance(Hash(knobs, host.Id, "tick-schedule", key), knobs.SchedulePermille))
        {
            host.PublishAt(tick + 1 + host.Random.Next(3), RandomType(host.Random), Data(host, 0));
        }

        if (!faultFirst && Chance(h >> 1, knobs.FaultPermille / 2))
        {
            throw new ChaosException($"{host.Id} trips late on tick {tick}");
        }

        if (Chance(Hash(knobs, host.Id, "tick-despawn", key), knobs.DespawnPermille))
        {
            host.Despawn();
        }
    }

    public static void OnEvent(IChaosHost host, ChaosKnobs knobs, Event e)
    {
        var h = Hash(knobs, host.Id, "event", e.Id);
        // Faults on entity.faulted could chain without end; everything else may throw, before or after reacting.
        var mayFault = e.Type != "entity.faulted" && Chance(h, knobs.FaultPermille);
        if (mayFault && (h & 0x10000) == 0)
        {
            throw new ChaosException($"{host.Id} cannot take {e.Id}");
        }

        var depth = e.Data.TryGetValue("depth", out var d) && d is long value ? value : e.Type.StartsWith("entity.", StringComparison.Ordinal) ? knobs.MaxDepth - 1 : 0;
        var reply = Hash(knobs, host.Id, "reply", e.Id);
        if (depth < knobs.MaxDepth && Chance(reply, knobs.ReplyPermille))
        {
            var type = TypeOf(reply >> 12);
            var data = Data(host, depth + 1);
            if (Chance(reply >> 24, knobs.DeferPermille))
            {
                ReplyLater.After(TimeSpan.FromMilliseconds((double)((reply >> 40) % 3)), host.DeferReply(), host.Self, later => later.Publish(type, data));
            }
            else
            {
                host.Publish(type, data);
            }
        }

        var other = Hash(knobs, host.Id, "other", e.Id);
        if (Chance(other, knobs.SchedulePermille / 4))
        {
            host.PublishAt(host.Tick + 1 + (long)((other >> 20) % 2), TypeOf(other >> 24), Data(host, 0));
        }

        if (Chance(other >> 32, knobs.SubscribePermille))
        {
            var pattern = PatternOf(other >> 40);
            if ((other & 0x100) == 0)
            {
                host.Subscribe(pattern);
            }
            else
            {
                host.Unsubscribe(pattern);
            }
        }

        if (mayFault)
        {
            throw new ChaosException($"{host.Id} gives up late on {e.Id}");
        }

        if (Chance(Hash(knobs, host.Id, "leave", e.Id), knobs.DespawnPermille / 4))
        {
            host.Despawn();
        }
    }

    /// <summary>The value published events carry: <c>n</c> follows the entity's state, <c>depth</c> bounds the cascade.</summary>
    public static long ValueOf(Event e) => e.Data.TryGetValue("n", out var n) && n is long value ? value : 0;

    /// <summary>A stable checksum of a state's fields.</summary>
    public static long Checksum(long published, long total, string last, double weight) =>
        (long)ChaosHash.Mix(ChaosHash.Mix(ChaosHash.Mix(ChaosHash.Mix(ChaosHash.Start, (ulong)published), (ulong)total), last), (ulong)BitConverter.DoubleToInt64Bits(weight));

    private static Dictionary<string, object?> Data(IChaosHost host, long depth) => new() { ["depth"] = depth, ["n"] = host.Published + 1, ["by"] = host.Id };

    private static string TypeOf(ulong h) => $"{Colors[(int)(h % 4)]}.{Actions[(int)((h >> 2) % 4)]}";

    private static string PatternOf(ulong h) => (h % 5) switch
    {
        0 or 1 => $"{Colors[(int)((h >> 3) % 4)]}.*",
        2 or 3 => $"*.{Actions[(int)((h >> 3) % 4)]}",
        _ => TypeOf(h >> 3),
    };

    private static bool Chance(ulong h, int permille) => (int)(h % 1000) < permille;

    private static ulong Hash(ChaosKnobs knobs, string entityId, string what, string key) =>
        ChaosHash.Mix(ChaosHash.Mix(ChaosHash.Mix(ChaosHash.Mix(ChaosHash.Start, (ulong)(uint)knobs.Seed), entityId), what), key);
}

/// <summary>The exception chaos entities throw.</summary>
public sealed class ChaosException(string message) : InvalidOperationException(message);
