using Akka.Actor;
using Eventure.Actors;
using Eventure.TestSupport;

namespace Eventure.Actors.Tests.TestEntities;

/// <summary>
/// A busy entity for determinism tests: publishes on tick, reacts to wildcards with multi-wave cascades, and
/// sometimes answers only after an asynchronous delay (PipeTo), with state folded from its own events.
/// </summary>
public sealed class Trader : SimulationEntity
{
    private long _balance;

    protected override void OnStart()
    {
        Subscribe("market.*");
        Subscribe("*.filled");
        if (EntityId.EndsWith('0'))
        {
            Subscribe("*");
        }
    }

    protected override void OnTick(long tick)
    {
        if (Random.NextDouble() < 0.3)
        {
            Publish("market.quote", new Dictionary<string, object?> { ["trader"] = EntityId, ["price"] = Random.Next(90, 110) });
        }
    }

    protected override void OnEvent(Event e)
    {
        switch (e.Type)
        {
            case "market.quote" when Random.NextDouble() < 0.05:
                Publish("order.placed", new Dictionary<string, object?> { ["by"] = EntityId, ["quote"] = e.Id });
                break;
            case "order.placed" when EntityId.EndsWith('0'):
                var delay = TimeSpan.FromMilliseconds(Random.Next(0, 5));
                ReplyLater.After(delay, DeferReply(), Self, reply => reply.Publish("order.filled", new Dictionary<string, object?> { ["by"] = EntityId, ["order"] = e.Id }));
                break;
            case "order.filled":
                Publish("portfolio.updated", new Dictionary<string, object?> { ["by"] = EntityId, ["balance"] = _balance + 1 });
                break;
        }
    }

    protected override void OnOtherMessage(object message)
    {
        if (!ReplyLater.TryRun(message))
        {
            base.OnOtherMessage(message);
        }
    }

    protected override void Apply(Event e)
    {
        if (e.Type == "portfolio.updated")
        {
            _balance = (long)e.Data["balance"]!;
        }
    }

    protected override long StateChecksum() => _balance;
}
