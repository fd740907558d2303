using static Eventure.Tests.TestSupport.TestData;

namespace Eventure.Tests;

/// <summary>Conformance cases C22–C36: delivery, phases, wildcards, failures and re-entrancy of the core bus.</summary>
public sealed class EventBusSpecTests
{
    private readonly EventLog _log = NewLog();
    private readonly EventBus _bus;
    private readonly List<string> _calls = [];

    public EventBusSpecTests()
    {
        _bus = new EventBus(_log);
    }

    [Fact]
    public void C22_publish_should_log_first_then_deliver_the_same_event()
    {
        Event? seen = null;
        var logCountWhenCalled = -1;
        var subscription = _bus.Subscribe("a.b", e =>
        {
            seen = e;
            logCountWhenCalled = _log.Events.Count;
        });

        var published = _bus.Publish("a.b", Data(("k", 1)));
        subscription.Dispose();
        _bus.Publish("a.b");

        Assert.Same(published, seen);
        Assert.Same(_log.Events[0], seen);
        Assert.Equal(1, logCountWhenCalled);
        Assert.Equal(("a.b", 0L, (object?)1L), (published.Type, published.Tick, published.Data["k"]));
        Assert.Equal(2, _log.Events.Count);
    }

    [Fact]
    public void C23_phases_should_run_exact_prefix_suffix_global_whatever_the_subscription_order()
    {
        Record("*", "global");
        Record("*.b", "suffix");
        Record("a.*", "prefix");
        Record("a.b", "exact");

        _bus.Publish("a.b");

        Assert.Equal(["exact", "prefix", "suffix", "global"], _calls);
    }

    [Theory]
    [InlineData("a.b", "exact1,exact2,prefix1,prefix2,suffix1,global1")]
    [InlineData("a.c.b", "prefix1,prefix2,suffix1,suffix_cb,global1")]
    [InlineData("a.b.c", "prefix1,prefix2,prefix_ab,global1")]
    public void C24_patterns_should_run_in_first_subscribed_order_within_a_phase(string type, string expected)
    {
        Record("*", "global1");
        Record("*.b", "suffix1");
        Record("a.*", "prefix1");
        Record("a.b", "exact1");
        Record("a.b.*", "prefix_ab");
        Record("*.c.b", "suffix_cb");
        Record("a.*", "prefix2");
        Record("a.b", "exact2");

        _bus.Publish(type);

        Assert.Equal(expected, string.Join(",", _calls));
    }

    [Fact]
    public void C25_prefix_patterns_should_match_any_depth_case_sensitively()
    {
        _bus.Subscribe("player.*", e => _calls.Add(e.Type));

        foreach (var type in new[] { "player.move", "player.a.b", "player.", "player", "playerx.move", "Player.move", "x.player.move" })
        {
            _bus.Publish(type);
        }

        Assert.Equal(["player.move", "player.a.b", "player."], _calls);
    }

    [Fact]
    public void C26_suffix_patterns_should_match_the_end_only()
    {
        _bus.Subscribe("*.error", e => _calls.Add(e.Type));

        foreach (var type in new[] { "net.error", "a.b.error", ".error", "error", "neterror", "net.error.x", "net.Error" })
        {
            _bus.Publish(type);
        }

        Assert.Equal(["net.error", "a.b.error", ".error"], _calls);
    }

    [Theory]
    [InlineData("*.*")]
    [InlineData("a*")]
    [InlineData("*a")]
    [InlineData("a.*.b")]
    [InlineData("**")]
    [InlineData("a.**")]
    public void C27_malformed_patterns_should_be_rejected_at_subscribe(string pattern)
    {
        var error = Assert.Throws<InvalidTopicPatternException>(() => _bus.Subscribe(pattern, _ => { }));

        Assert.Equal(pattern, error.Pattern);
        Assert.Contains($"'{pattern}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void C28_a_handler_should_be_called_once_per_matching_subscription()
    {
        Action<Event> handler = e => _calls.Add(e.Type);
        foreach (var pattern in new[] { "x.y", "x.*", "*.y", "*" })
        {
            _bus.Subscribe(pattern, handler);
        }

        _bus.Publish("x.y");

        var other = new EventBus(NewLog());
        var count = 0;
        Action<Event> twice = _ => count++;
        other.Subscribe("t", twice);
        other.Subscribe("t", twice);
        other.Publish("t");

        Assert.Equal(4, _calls.Count);
        Assert.Equal(2, count);
    }

    [Fact]
    public void C29_unsubscribe_handles_should_own_exactly_their_registration()
    {
        var count = 0;
        Action<Event> handler = _ => count++;
        var first = _bus.Subscribe("t", handler);
        var second = _bus.Subscribe("t", handler);

        first.Dispose();
        _bus.Publish("t");
        var afterFirst = count;
        first.Dispose();
        _bus.Publish("t");
        var afterRepeat = count - afterFirst;
        second.Dispose();
        _bus.Publish("t");

        Assert.Equal(1, afterFirst);
        Assert.Equal(1, afterRepeat);
        Assert.Equal(2, count);
    }

    [Fact]
    public void C30_nested_publishing_should_be_depth_first_and_synchronous()
    {
        Event? p = null;
        _bus.Subscribe("p", e =>
        {
            _calls.Add("O(p)");
            _bus.Publish("q", null, e);
        });
        _bus.Subscribe("q", _ => _calls.Add("O(q)"));
        _bus.Subscribe("*", e => _calls.Add($"G({e.Type})"));

        p = _bus.Publish("p");

        Assert.Equal(["O(p)", "O(q)", "G(q)", "G(p)"], _calls);
        Assert.Equal(["p", "q"], _log.Events.Select(e => e.Type));
        Assert.Equal(p.Id, _log.Events[1].ParentId);
    }

    [Fact]
    public void C31_advancing_the_tick_inside_a_handler_should_stamp_later_events()
    {
        var seen = new List<(string Type, long Tick, long Current)>();
        _bus.Subscribe("start", e =>
        {
            _log.AdvanceTick();
            _bus.Publish("next", null, e);
        });
        _bus.Subscribe("*", e => seen.Add((e.Type, e.Tick, _log.CurrentTick)));

        var start = _bus.Publish("start");

        Assert.Equal(0, start.Tick);
        Assert.Equal((1L, start.Id), (_log.Events[1].Tick, _log.Events[1].ParentId));
        Assert.Equal([("next", 1L, 1L), ("start", 0L, 1L)], seen);
    }

    [Fact]
    public void C32_a_throwing_handler_should_not_stop_the_others_and_be_reported_after_delivery()
    {
        Record("t", "first");
        _bus.Subscribe("t", _ => throw new InvalidOperationException("boom"));
        Record("t", "third");
        Record("*", "global");

        var error = Assert.Throws<EventDeliveryException>(() => _bus.Publish("t"));

        Assert.Equal(["first", "third", "global"], _calls);
        Assert.Single(_log.Events);
        Assert.Same(_log.Events[0], error.Event);
        var failure = Assert.Single(error.Failures);
        Assert.Equal("t", failure.Pattern);
        Assert.IsType<InvalidOperationException>(Assert.Single(error.InnerExceptions));
        Assert.Contains("0-EEFA-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void C33_a_handler_cancelling_itself_should_not_skip_the_next_one()
    {
        IDisposable? a = null;
        a = _bus.Subscribe("t", _ =>
        {
            _calls.Add("A");
            a!.Dispose();
        });
        Record("t", "B");
        Record("t", "C");

        _bus.Publish("t");
        _bus.Publish("t");

        Assert.Equal(["A", "B", "C", "B", "C"], _calls);
    }

    [Fact]
    public void C34_subscribing_during_delivery_should_apply_from_the_next_publish()
    {
        var subscribed = false;
        _bus.Subscribe("t", _ =>
        {
            _calls.Add("H");
            if (!subscribed)
            {
                subscribed = true;
                Record("t", "N");
            }
        });

        _bus.Publish("t");
        _bus.Publish("t");

        Assert.Equal(["H", "H", "N"], _calls);
    }

    [Fact]
    public void C34_subscribing_a_new_pattern_from_a_wildcard_handler_should_work()
    {
        _bus.Subscribe("t.*", _ =>
        {
            _calls.Add("prefix");
            Record("brand.new", "new");
        });
        Record("*.x", "suffix");

        _bus.Publish("t.x");
        _bus.Publish("brand.new");

        Assert.Equal(["prefix", "suffix", "new"], _calls);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("a.*")]
    public void C35_event_types_with_a_wildcard_should_be_rejected(string type)
    {
        Record("*", "G");

        var error = Assert.Throws<InvalidEventTypeException>(() => _bus.Publish(type));

        Assert.Equal(type, error.EventType);
        Assert.Empty(_calls);
        Assert.Empty(_log.Events);
    }

    [Fact]
    public void C36_a_bus_without_a_log_should_be_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new EventBus(null!));
    }

    [Fact]
    public void Dispatch_should_deliver_without_logging()
    {
        Record("a", "A");

        _bus.Dispatch(new Event(0, 0, "a", null, "outside"));

        Assert.Equal(["A"], _calls);
        Assert.Empty(_log.Events);
    }

    [Fact]
    public void An_endless_cascade_should_stop_with_a_clear_error_instead_of_overflowing()
    {
        _bus.Subscribe("loop", e => _bus.Publish("loop", null, e));

        var error = Assert.Throws<CascadeDepthExceededException>(() => _bus.Publish("loop"));

        Assert.Equal("loop", error.EventType);
        Assert.InRange(_log.Events.Count, 100, EventBus.DefaultMaxCascadeDepth);
        Assert.Equal(error.ParentId, _log.Events[^1].Id);
    }

    [Fact]
    public void The_cascade_limit_should_be_configurable()
    {
        _bus.MaxCascadeDepth = 5;
        _bus.Subscribe("loop", e => _bus.Publish("loop", null, e));

        var error = Assert.Throws<CascadeDepthExceededException>(() => _bus.Publish("loop"));

        Assert.Equal(5, _log.Events.Count);
        Assert.Equal(6, error.Depth);
        Assert.Contains("the limit is 5", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => _bus.MaxCascadeDepth = 0);
    }

    [Fact]
    public void Buses_on_separate_threads_should_not_share_ids_or_subscribers()
    {
        var counts = new int[4];
        Parallel.For(0, 4, i =>
        {
            var bus = new EventBus(new EventLog());
            bus.Subscribe("*", _ => counts[i]++);
            for (var k = 0; k < 1_000; k++)
            {
                bus.Publish("t");
            }
        });

        Assert.All(counts, c => Assert.Equal(1_000, c));
    }

    private void Record(string pattern, string name) => _bus.Subscribe(pattern, _ => _calls.Add(name));
}
