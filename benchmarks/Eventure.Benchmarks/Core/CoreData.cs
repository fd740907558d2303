namespace Eventure.Benchmarks.Core;

/// <summary>The workloads of seed spec section 11.3, built exactly as the seed driver builds them.</summary>
public static class CoreData
{
    public static readonly string[] Types = ["player.move", "player.attack", "enemy.spawn", "enemy.death", "item.pickup", "item.drop", "world.tick", "combat.damage"];

    /// <summary>Payloads of the flat workload: event k has {"value": k mod 100, "actor": "a" + k mod 50}.</summary>
    public static Dictionary<string, object?>[] FlatPayloads(int count)
    {
        var payloads = new Dictionary<string, object?>[count];
        for (var k = 0; k < count; k++)
        {
            payloads[k] = new Dictionary<string, object?> { ["value"] = (long)(k % 100), ["actor"] = "a" + (k % 50).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        return payloads;
    }

    /// <summary>A flat log of <paramref name="ticks"/> × <paramref name="perTick"/> events, no advance after the last tick.</summary>
    public static EventLog FlatLog(int ticks, int perTick, Dictionary<string, object?>[]? payloads = null)
    {
        payloads ??= FlatPayloads(ticks * perTick);
        var log = new EventLog();
        var k = 0;
        for (var t = 0; t < ticks; t++)
        {
            for (var p = 0; p < perTick; p++)
            {
                log.AddEvent(Types[k % 8], payloads[k]);
                k++;
            }

            if (t < ticks - 1)
            {
                log.AdvanceTick();
            }
        }

        return log;
    }

    /// <summary>Workload (c): 10,000 roots, 10 per tick, each with a depth-first tree of 10 descendants.</summary>
    public static (EventLog Log, List<Event> Roots) CascadeLog()
    {
        var log = new EventLog();
        var roots = new List<Event>(10_000);
        for (var r = 0; r < 10_000; r++)
        {
            if (r > 0 && r % 10 == 0)
            {
                log.AdvanceTick();
            }

            var data = new Dictionary<string, object?> { ["r"] = (long)r };
            var root = log.AddEvent("cascade.root", data);
            roots.Add(root);
            for (var i = 0; i < 3; i++)
            {
                var l1 = log.AddEvent("cascade.l1", data, root);
                for (var j = 0; j < 2; j++)
                {
                    var l2 = log.AddEvent("cascade.l2", data, l1);
                    if (i == 0 && j == 0)
                    {
                        log.AddEvent("cascade.l3", data, l2);
                    }
                }
            }
        }

        return (log, roots);
    }

    /// <summary>Workload (f): 1,000 ticks × 100 events with same-tick parents every 10 and a cross-tick parent at j = 0.</summary>
    public static EventLog RootsLog()
    {
        var log = new EventLog();
        Event? previousFirst = null;
        for (var t = 0; t < 1_000; t++)
        {
            var tick = new Event[100];
            for (var j = 0; j < 100; j++)
            {
                var data = new Dictionary<string, object?> { ["value"] = (long)j };
                Event? parent = j == 0 ? previousFirst : j % 10 == 0 ? null : tick[j - (j % 10)];
                tick[j] = log.AddEvent(Types[j % 8], data, parent);
            }

            previousFirst = tick[0];
            if (t < 999)
            {
                log.AdvanceTick();
            }
        }

        return log;
    }
}
