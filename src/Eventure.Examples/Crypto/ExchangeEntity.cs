using Eventure.Actors;

namespace Eventure.Examples.Crypto;

/// <summary>The exchange: fills every order at its limit price, in the tick it was created.</summary>
internal sealed class ExchangeEntity : SimulationEntity
{
    /// <summary>The exchange's entity id.</summary>
    public const string Id = "exchange";

    protected override void OnStart() => Subscribe("order.created");

    protected override void OnEvent(Event e) =>
        Publish(
            "order.filled",
            Fields.Of(
                ("order_id", e.Data["order_id"]),
                ("symbol", e.Data["symbol"]),
                ("side", e.Data["side"]),
                ("quantity", e.Data["quantity"]),
                ("price", e.Data["price"]),
                ("status", "FILLED")));
}
