using Eventure.Tests.TestSupport;
using static Eventure.Tests.TestSupport.TestData;

namespace Eventure.Tests;

/// <summary>Conformance cases C11–C16: stamping, look-ups and cascades of the log.</summary>
public sealed class EventLogSpecTests
{
    [Fact]
    public void C11_events_should_be_stamped_and_found()
    {
        var log = NewLog();
        Assert.Equal(0, log.CurrentTick);
        Assert.Empty(log.Events);

        var e1 = log.AddEvent("a", Data(("k", 1)));
        log.AdvanceTick();
        log.AdvanceTick();
        var e2 = log.AddEvent("b", null, e1);

        Assert.Equal((0L, (string?)null), (e1.Tick, e1.ParentId));
        Assert.Equal(2, log.CurrentTick);
        Assert.Equal((2L, e1.Id), (e2.Tick, e2.ParentId));
        Assert.Equal([e1], log.GetEventsAtTick(0));
        Assert.Empty(log.GetEventsAtTick(1));
        Assert.Equal([e2], log.GetEventsAtTick(2));
        Assert.Same(e2, log.GetEventById(e2.Id));
        Assert.Null(log.GetEventById("9-AAAA-9"));
        Assert.Equal([e1, e2], log.Events);
    }

    [Fact]
    public void C11_timestamps_should_come_from_the_injected_clock()
    {
        var log = new EventLog(new StepClock(1_700_000_000));

        Assert.Equal(1_700_000_000d, log.AddEvent("a").Timestamp);
        Assert.Equal(1_700_000_001d, log.AddEvent("a").Timestamp);
    }

    [Fact]
    public void C12_cascade_should_hold_the_event_and_its_descendants()
    {
        var log = NewLog();
        var a = log.AddEvent("a");
        var x = log.AddEvent("x.y");
        log.AdvanceTick();
        var b = log.AddEvent("b", null, a);
        var d = log.AddEvent("room.enter", null, a);
        log.AdvanceTick();
        var c = log.AddEvent("player.move", null, b);

        Assert.Equal(new HashSet<Event> { a, b, c, d }, log.GetEventCascade(a.Id).ToHashSet());
        Assert.Equal(new HashSet<Event> { b, c }, log.GetEventCascade(b.Id).ToHashSet());
        Assert.Equal([x], log.GetEventCascade(x.Id));
        Assert.Empty(log.GetEventCascade("unknown"));
    }

    [Fact]
    public void C13_cascade_should_list_the_root_first_then_by_tick_and_log_position()
    {
        var log = NewLog();
        var r = log.AddEvent("player.move");
        var k = log.AddEvent("a", null, r);
        log.AddEvent("room.enter", null, k);
        log.AdvanceTick();
        log.AddEvent("x.y", null, r);

        Assert.Equal("0-ECBC-1, 0-CCBC-1, 0-FADA-1, 1-BDCD-1", Ids(log.GetEventCascade(r.Id)));
    }

    [Fact]
    public void C14_sequence_numbers_should_sort_numerically()
    {
        var log = NewLog();
        var r = log.AddEvent("a");
        for (var i = 0; i < 12; i++)
        {
            log.AddEvent("b", null, r);
        }

        var expected = new[] { "0-CCBC-1" }.Concat(Enumerable.Range(1, 12).Select(i => $"0-EBFF-{i}"));
        Assert.Equal(expected, log.GetEventCascade(r.Id).Select(e => e.Id));
    }

    [Fact]
    public void C15_deep_chains_should_not_overflow_the_stack()
    {
        var log = NewLog();
        var first = log.AddEvent("a");
        var last = first;
        for (var i = 1; i < 5_001; i++)
        {
            last = log.AddEvent("a", null, last);
        }

        Assert.Equal(5_001, log.GetEventCascade(first.Id).Count);
        Assert.Equal(5_001, log.CreateQuery().GetCascadeEvents(first).Count);
        Assert.Same(last, log.GetEventCascade(first.Id)[^1]);
    }

    [Fact]
    public void C15_cycles_should_return_each_event_once()
    {
        var log = LoadLines(Line(0, "a", "0-AAAA-1", "0-AAAA-2"), Line(0, "a", "0-AAAA-2", "0-AAAA-1"));

        Assert.Equal("0-AAAA-1, 0-AAAA-2", Ids(log.GetEventCascade("0-AAAA-1")));
        Assert.Equal("0-AAAA-1, 0-AAAA-2", Ids(log.CreateQuery().GetCascadeEvents(log.Events[0])));
    }

    [Theory]
    [InlineData("evt_1")]
    [InlineData("a-b-c")]
    [InlineData("-1-CCBC-1")]
    public void C16_opaque_ids_should_never_be_parsed(string id)
    {
        var log = LoadLines(Line(0, "a", id));

        Assert.Equal(id, Ids(log.GetEventCascade(id)));
    }

    [Fact]
    public void Events_until_tick_should_include_the_tick_itself()
    {
        var log = NewLog();
        log.AddEvent("a");
        log.AdvanceTick();
        log.AddEvent("b");
        log.AdvanceTick();
        log.AddEvent("c");

        Assert.Equal(["a", "b"], log.GetEventsUntilTick(1).Select(e => e.Type));
        Assert.Empty(log.GetEventsUntilTick(-1));
    }

    [Fact]
    public void A_copy_until_a_tick_should_hold_the_log_as_of_that_tick_and_stay_independent()
    {
        var log = NewLog();
        var a = log.AddEvent("a");
        log.AdvanceTick();
        log.AddEvent("b", null, a);
        log.AdvanceTick();
        log.AddEvent("c");
        log.AdvanceTick();

        var asOfOne = log.Copy(untilTick: 1);
        var whole = log.Copy();
        var later = log.Copy(untilTick: 10);
        asOfOne.AddEvent("d");

        Assert.Equal(["a", "b"], asOfOne.Events.Take(2).Select(e => e.Type));
        Assert.Equal(1, asOfOne.Events[2].Tick);
        Assert.Equal([a.Id, log.Events[1].Id], asOfOne.GetEventCascade(a.Id).Select(e => e.Id));
        Assert.Equal(["a", "b", "c"], whole.Events.Select(e => e.Type));
        Assert.Equal(3, whole.CurrentTick);
        Assert.Equal(3, later.CurrentTick);
        Assert.Equal(3, log.Events.Count);
        Assert.Empty(log.Copy(untilTick: -1).Events);
    }

    [Fact]
    public void Logged_events_should_not_change_when_the_caller_mutates_its_data()
    {
        var log = NewLog();
        var list = new List<object?> { 1 };
        var data = Data(("status", "PENDING"), ("list", list));
        var e = log.AddEvent("order.created", data);

        data["status"] = "FILLED";
        list.Add(2);

        Assert.Equal("PENDING", log.Events[0].Data["status"]);
        Assert.Single((IReadOnlyList<object?>)e.Data["list"]!);
        Assert.IsNotType<Dictionary<string, object?>>(e.Data);
    }

    [Fact]
    public void Adding_a_type_with_a_wildcard_should_be_rejected()
    {
        var log = NewLog();

        Assert.Throws<InvalidEventTypeException>(() => log.AddEvent("a.*"));
        Assert.Throws<ArgumentNullException>(() => log.AddEvent(null!));
        Assert.Empty(log.Events);
    }

    [Fact]
    public void Advance_to_tick_should_never_go_backwards()
    {
        var log = NewLog();
        log.AdvanceToTick(5);

        Assert.Equal(5, log.CurrentTick);
        Assert.Throws<ArgumentOutOfRangeException>(() => log.AdvanceToTick(4));
    }
}
