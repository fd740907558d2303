using Akka.Actor;
using Eventure.Actors.Routing;

namespace Eventure.Actors.Tests;

/// <summary>The pure parts of the bus: ordering and subscription resolution, without an actor system.</summary>
public sealed class WaveOrderTests
{
    [Fact]
    public void Reactions_should_sort_by_parent_then_rank_then_emit_index()
    {
        var reactions = new List<Reaction>
        {
            new(1, 0, 0, Pending("d")),
            new(0, 1, 1, Pending("c")),
            new(0, 1, 0, Pending("b")),
            new(0, 0, 0, Pending("a")),
            new(0, 0, 1, Pending("later", atTick: 5)),
        };
        var scheduled = new List<PendingEvent>();

        var next = WaveOrder.Sort(reactions, scheduled);

        Assert.Equal(["a", "b", "c", "d"], next.Select(p => p.Emission.Type));
        Assert.Equal(["later"], scheduled.Select(p => p.Emission.Type));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a.c.b")]
    [InlineData("a.b.c")]
    [InlineData("x")]
    public void Subscription_table_should_resolve_in_the_core_bus_order(string type)
    {
        string[] patterns = ["*", "*.b", "a.*", "a.b", "a.b.*", "*.c.b", "a.*", "a.b"];
        var core = new EventBus(new EventLog());
        var coreOrder = new List<int>();
        var table = new SubscriptionTable();
        for (var i = 0; i < patterns.Length; i++)
        {
            var index = i;
            core.Subscribe(patterns[i], _ => coreOrder.Add(index));
            table.Add(new Registration(TopicPattern.Parse(patterns[i]), $"e{i}", ActorRefs.Nobody));
        }

        core.Publish(type);

        Assert.Equal(coreOrder.Select(i => $"e{i}"), table.Resolve(type).Select(r => r.EntityId));
    }

    [Fact]
    public void Removing_an_entity_should_drop_all_its_subscriptions()
    {
        var table = new SubscriptionTable();
        table.Add(new Registration(TopicPattern.Parse("a"), "x", ActorRefs.Nobody));
        table.Add(new Registration(TopicPattern.Parse("*"), "x", ActorRefs.Nobody));
        table.Add(new Registration(TopicPattern.Parse("a"), "y", ActorRefs.Nobody));

        Assert.Equal(2, table.RemoveEntity("x"));
        Assert.Equal(["y"], table.Resolve("a").Select(r => r.EntityId));
    }

    [Fact]
    public void Stable_seeds_should_not_depend_on_the_process()
    {
        Assert.Equal(StableSeed.Derive(42, "trader-01", 3), StableSeed.Derive(42, "trader-01", 3));
        Assert.NotEqual(StableSeed.Derive(42, "trader-01", 3), StableSeed.Derive(42, "trader-01", 4));
        Assert.Equal(620337896427418084L, StableSeed.Of("a"));
    }

    [Fact]
    public void Settings_should_parse_the_embedded_defaults_and_reject_bad_values()
    {
        var settings = EventureSettings.Default;

        Assert.Equal(TimeSpan.FromSeconds(30), settings.TickTimeout);
        Assert.Equal(1000, settings.MaxWaves);
        Assert.Equal(1_767_225_601d, settings.TimestampOf(1));
        Assert.Throws<Akka.Configuration.ConfigurationException>(() =>
            EventureSettings.Create(Akka.Configuration.ConfigurationFactory.ParseString("eventure.cascade.max-waves = 0")));
    }

    private static PendingEvent Pending(string type, long? atTick = null) => new(new Emission(type, EventData.Empty, null, atTick), null);
}
