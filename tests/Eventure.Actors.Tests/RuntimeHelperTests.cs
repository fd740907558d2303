using Eventure.Internal;

namespace Eventure.Actors.Tests;

/// <summary>Pure helpers of the runtime: the shared subscription index, stable seeds, settings.</summary>
public sealed class RuntimeHelperTests
{
    [Theory]
    [InlineData("a.b")]
    [InlineData("a.c.b")]
    [InlineData("a.b.c")]
    [InlineData("x")]
    public void Subscription_index_should_resolve_by_phase_then_first_subscribed_pattern_then_subscription(string type)
    {
        string[] patterns = ["*", "*.b", "a.*", "a.b", "a.b.*", "*.c.b", "a.*", "a.b"];
        var core = new EventBus(new EventLog());
        var coreOrder = new List<int>();
        var index = new SubscriptionIndex<string>();
        for (var i = 0; i < patterns.Length; i++)
        {
            var at = i;
            core.Subscribe(patterns[i], _ => coreOrder.Add(at));
            index.Add(TopicPattern.Parse(patterns[i]), $"e{i}");
        }

        core.Publish(type);
        var expected = patterns
            .Select((p, i) => (Pattern: TopicPattern.Parse(p), Id: $"e{i}", Order: Array.IndexOf(patterns, p)))
            .Where(x => x.Pattern.Matches(type))
            .OrderBy(x => x.Pattern.Kind).ThenBy(x => x.Order)
            .Select(x => x.Id);

        Assert.Equal(expected, index.Resolve(type));
        Assert.Equal(expected, coreOrder.Select(i => $"e{i}"));
    }

    [Fact]
    public void Removing_an_entity_should_drop_all_its_subscriptions()
    {
        var index = new SubscriptionIndex<string>();
        index.Add(TopicPattern.Parse("a"), "x");
        index.Add(TopicPattern.Parse("*"), "x");
        index.Add(TopicPattern.Parse("a"), "y");

        Assert.Equal(2, index.RemoveAll(id => id == "x"));
        Assert.Equal(["y"], index.Resolve("a"));
        index.Add(TopicPattern.Parse("*"), "x");
        Assert.Equal(["y", "x"], index.Resolve("a"));
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
}
