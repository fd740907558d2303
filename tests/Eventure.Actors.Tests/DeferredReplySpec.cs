using Akka.Actor;
using Akka.TestKit.Xunit2;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

public sealed class DeferredReplySpec : TestKit
{
    [Fact]
    public async Task Publishes_before_and_after_DeferReply_and_through_the_handle_should_all_join_the_reply_in_order()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("courier", Props.Create(() => new Courier(throwAfterDefer: false)));
        await sim.SendInputAsync("order");

        await sim.RunTicksAsync(1);
        var tick = (await sim.GetLogAsync()).GetEventsAtTick(0).Where(e => e.Type != "entity.spawned").ToList();

        var order = tick.Single(e => e.Type == "order");
        Assert.Equal(["order", "courier.before", "courier.after", "courier.completed"], tick.Select(e => e.Type));
        Assert.All(tick.Skip(1), e => Assert.Equal(order.Id, e.ParentId));
    }

    [Fact]
    public async Task A_handler_that_throws_after_deferring_should_be_faulted_once_and_its_later_completion_should_send_nothing()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("courier", Props.Create(() => new Courier(throwAfterDefer: true)));
        await sim.SendInputAsync("order");

        await EventFilter.Exception<InvalidOperationException>().ExpectOneAsync(() => sim.RunTicksAsync(2));
        var log = await sim.GetLogAsync();

        var tick = log.GetEventsAtTick(0).Where(e => e.Type != "entity.spawned").ToList();
        Assert.Equal(["order", "entity.faulted"], tick.Select(e => e.Type));
        Assert.Equal("courier lost the parcel", tick[1].Data["message"]);
        Assert.Empty(log.GetEventsAtTick(1));
    }

    [Fact]
    public async Task Publish_and_DeferReply_outside_a_handler_should_throw_a_clear_error()
    {
        var sim = await Simulation.StartAsync(Sys, Options());
        await sim.SpawnAsync("courier", Props.Create(() => new Courier(throwAfterDefer: false)));
        var courier = await EntityActorAsync(Sys, "courier");

        var publishError = await courier.Ask<string>("publish", TimeSpan.FromSeconds(5));
        var deferError = await courier.Ask<string>("defer", TimeSpan.FromSeconds(5));

        Assert.Equal("Publish can only be called while handling a tick or an event (use DeferReply for later publishes).", publishError);
        Assert.Equal("DeferReply can only be called while handling a tick or an event.", deferError);
    }

    /// <summary>Answers an order in three steps: a publish, a deferred reply with another publish, then completion.</summary>
    private sealed class Courier(bool throwAfterDefer) : SimulationEntity
    {
        protected override void OnStart() => Subscribe("order");

        protected override void OnEvent(Event e)
        {
            Publish("courier.before");
            var reply = DeferReply();
            Publish("courier.after");
            Self.Tell(new Deliver(reply));
            if (throwAfterDefer)
            {
                throw new InvalidOperationException("courier lost the parcel");
            }
        }

        protected override void OnOtherMessage(object message)
        {
            switch (message)
            {
                case Deliver deliver:
                    deliver.Reply.Publish("courier.completed");
                    deliver.Reply.Complete();
                    break;
                case "publish":
                    Sender.Tell(Catch(() => Publish("courier.stray")));
                    break;
                case "defer":
                    Sender.Tell(Catch(() => DeferReply()));
                    break;
                default:
                    base.OnOtherMessage(message);
                    break;
            }
        }

        private static string Catch(Action action)
        {
            try
            {
                action();
                return "no error";
            }
            catch (InvalidOperationException ex)
            {
                return ex.Message;
            }
        }
    }

    private sealed record Deliver(DeferredReply Reply) : INoSerializationVerificationNeeded;
}
