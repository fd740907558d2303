using Eventure.Actors;

namespace Eventure.Actors.Tests.TestEntities;

/// <summary>
/// One member of a busy random population: subscribed to two or three wildcard patterns derived from its id
/// (<c>{color}.*</c>, <c>*.{action}</c>, and <c>*</c> for every seventh entity), publishing on some ticks, answering
/// some deliveries with a child event (cascades at most <see cref="MaxDepth"/> deep), and throwing on a share of
/// deliveries. Every decision is a stable hash of the seed, the entity and the event, so a restart changes nothing.
/// </summary>
/// <param name="publishPercent">The share of ticks on which it publishes, in percent.</param>
/// <param name="replyPermille">The share of deliveries it answers with a child event, in per mille.</param>
/// <param name="faultPermille">The share of deliveries it throws on, in per mille.</param>
public sealed class Chatter(int publishPercent = 10, int replyPermille = 20, int faultPermille = 0) : SimulationEntity
{
    public const int MaxDepth = 3;

    private static readonly string[] Colors = ["red", "green", "blue", "amber"];
    private static readonly string[] Actions = ["ping", "pong", "poke"];

    private long _sent;

    public static string IdOf(int index) => $"chatter-{index:D3}";

    protected override void OnStart()
    {
        var n = Index;
        Subscribe($"{Colors[n % Colors.Length]}.*");
        Subscribe($"*.{Actions[n % Actions.Length]}");
        if (n % 7 == 0)
        {
            Subscribe("*");
        }
    }

    protected override void OnTick(long tick)
    {
        if (Draw("tick", tick.ToString(System.Globalization.CultureInfo.InvariantCulture)) % 100 < (ulong)publishPercent)
        {
            var n = Index + (int)tick;
            Publish($"{Colors[n % Colors.Length]}.{Actions[n % Actions.Length]}", new Dictionary<string, object?> { ["depth"] = 0L, ["sent"] = _sent + 1 });
        }
    }

    protected override void OnEvent(Event e)
    {
        var draw = Draw("event", e.Id);
        if (draw % 1000 < (ulong)faultPermille)
        {
            throw new InvalidOperationException($"{EntityId} cannot handle {e.Id}");
        }

        var depth = e.Data.TryGetValue("depth", out var d) && d is long value ? value : MaxDepth;
        if (depth < MaxDepth && (draw >> 16) % 1000 < (ulong)replyPermille)
        {
            var n = Index + (int)(draw % 11);
            Publish($"{Colors[n % Colors.Length]}.{Actions[n % Actions.Length]}", new Dictionary<string, object?> { ["depth"] = depth + 1, ["sent"] = _sent + 1 });
        }
    }

    protected override void Apply(Event e)
    {
        if (e.Data.TryGetValue("sent", out var sent) && sent is long count)
        {
            _sent = count;
        }
    }

    protected override long StateChecksum() => _sent;

    private int Index => int.Parse(EntityId.AsSpan(EntityId.LastIndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture);

    private ulong Draw(string what, string key) => StableSeed.Mix(StableSeed.Mix(StableSeed.Mix((ulong)Seed, EntityId), what), key);

    private int Seed => (int)(StableSeed.Derive(0, EntityId, 0) & 0x7fffffff);
}
