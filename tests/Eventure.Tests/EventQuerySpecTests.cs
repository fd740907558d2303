using Eventure.Tests.TestSupport;
using static Eventure.Tests.TestSupport.TestData;

namespace Eventure.Tests;

/// <summary>Conformance cases C37–C41: roots, ordering, cascades, counts and data filters.</summary>
public sealed class EventQuerySpecTests
{
    [Fact]
    public void C37_roots_should_be_events_without_a_same_tick_parent()
    {
        var log = NewLog();
        var r1 = log.AddEvent("r1");
        log.AddEvent("c1", null, r1);
        log.AddEvent("r2");
        log.AdvanceTick();
        var r3 = log.AddEvent("r3");
        log.AddEvent("x", null, r1);
        log.AddEvent("c3", null, r3);
        var query = log.CreateQuery();

        Assert.Equal(["r1", "r2", "r3", "x"], query.GetRootEvents().Select(e => e.Type));
        Assert.Equal(["r1", "r2"], query.GetRootEvents(0).Select(e => e.Type));
        Assert.Equal(["r3", "x"], query.GetRootEvents(1).Select(e => e.Type));
        Assert.Empty(query.GetRootEvents(9));
    }

    [Fact]
    public void C37_later_tick_and_missing_parents_make_roots_and_same_tick_cycles_do_not()
    {
        var log = LoadLines(
            Line(1, "p1", "P1"),
            Line(0, "c0", "C0", "P1"),
            Line(0, "o", "O", "missing"),
            Line(2, "s", "S", "S"),
            Line(2, "k", "K"));

        // CHOICE (C37): groups come in ascending tick order, not order of first appearance.
        Assert.Equal(["C0", "O", "P1", "K"], log.CreateQuery().GetRootEvents().Select(e => e.Id));
    }

    [Fact]
    public void C38_roots_and_children_should_be_ordered_by_timestamp_within_a_tick()
    {
        var log = LoadLines(
            Line(0, "late", "L", timestamp: 3),
            Line(0, "early", "E", timestamp: 1),
            Line(0, "mid", "M", timestamp: 2),
            Line(0, "k2", "K2", "E", timestamp: 9),
            Line(0, "k1", "K1", "E", timestamp: 5));

        Assert.Equal(["E", "M", "L"], log.CreateQuery().GetRootEvents().Select(e => e.Id));
        Assert.Equal(
            Lines(
                "===== EVENT CASCADE VIEWER =====",
                string.Empty,
                "┌─── TICK 0 ───┐",
                "│",
                "  ● early",
                "    ID: E",
                "    │",
                "    └─ k1",
                "    │ ID: K1",
                "    │",
                "    └─ k2",
                "    │ ID: K2",
                "│",
                "  ● mid",
                "    ID: M",
                "│",
                "  ● late",
                "    ID: L",
                "└───────────────┘"),
            PrintCascade(log, showData: false));
    }

    [Fact]
    public void C38_unsorted_ticks_should_print_in_ascending_order()
    {
        var log = LoadLines(Line(3, "a", "a"), Line(1, "b", "b"), Line(3, "c", "c"), Line(0, "d", "d"));

        Assert.Equal(["d", "b", "a", "c"], log.CreateQuery().GetRootEvents().Select(e => e.Id));
        var headers = PrintCascade(log).Split('\n').Where(l => l.StartsWith('┌')).ToArray();
        Assert.Equal(["┌─── TICK 0 ───┐", "┌─── TICK 1 ───┐", "┌─── TICK 3 ───┐"], headers);
    }

    [Fact]
    public void C39_query_cascades_should_be_breadth_first_and_log_cascades_causal()
    {
        var log = NewLog();
        var r = log.AddEvent("r");
        var a = log.AddEvent("a", null, r);
        log.AdvanceTick();
        var b = log.AddEvent("b", null, r);
        log.AddEvent("c", null, a);
        log.AdvanceTick();
        log.AddEvent("d", null, b);
        var query = log.CreateQuery();
        var stranger = new Event(0, 0, "z", null, "not-in-log");

        Assert.Equal(["r", "a", "b", "c", "d"], query.GetCascadeEvents(r).Select(e => e.Type));
        Assert.Equal(["a", "b"], query.GetChildEvents(r).Select(e => e.Type));
        Assert.Equal([stranger], query.GetCascadeEvents(stranger));
        Assert.Equal("0-BBAE-1, 0-CCBC-1, 1-EBFF-1, 1-AAFD-1, 2-EDBE-1", Ids(log.GetEventCascade(r.Id)));
    }

    [Fact]
    public void C40_counts_should_keep_first_appearance_order()
    {
        var log = NewLog();
        foreach (var type in new[] { "b", "a", "b", "c", "a", "b" })
        {
            log.AddEvent(type);
        }

        var query = log.CreateQuery();

        Assert.Equal([new("b", 3), new("a", 2), new KeyValuePair<string, int>("c", 1)], query.CountEventsByType());
        Assert.Equal([log.Events[1], log.Events[4]], query.GetEventsByType("a"));
        Assert.Empty(query.GetEventsByType("zzz"));
        Assert.Empty(NewLog().CreateQuery().CountEventsByType());
    }

    [Fact]
    public void C41_data_filters_should_compare_json_values()
    {
        var log = NewLog();
        foreach (var value in new object?[] { 1, 1.0, true, "1", new[] { 1 }, null })
        {
            log.AddEvent("d", Data(("v", value)));
        }

        log.AddEvent("d");
        var query = log.CreateQuery();

        Assert.Equal([0, 1], Positions(log, query.GetEventsByData("v", 1)));
        Assert.Equal([5], Positions(log, query.GetEventsByData("v", null)));
        Assert.Equal([3], Positions(log, query.GetEventsByData("v", "1")));
        Assert.Equal([4], Positions(log, query.GetEventsByData("v", new[] { 1 })));
        Assert.Equal([2], Positions(log, query.GetEventsByData("v", true)));
        Assert.Empty(query.GetEventsByData("w", null));
    }

    [Fact]
    public void Queries_should_see_events_added_after_they_were_created()
    {
        var log = NewLog();
        var query = log.CreateQuery();
        var root = log.AddEvent("a");
        log.AddEvent("b", null, root);

        Assert.Single(query.GetChildEvents(root));
        Assert.Equal(2, query.GetEventsAtTick(0).Count);
    }

    [Fact]
    public void Roots_of_a_large_log_with_parents_should_be_found_in_linear_time()
    {
        var log = NewLog();
        for (var tick = 0; tick < 100; tick++)
        {
            Event? head = null;
            for (var j = 0; j < 1_000; j++)
            {
                head = j % 10 == 0 ? log.AddEvent("r") : log.AddEvent("c", null, head);
            }

            log.AdvanceTick();
        }

        Assert.Equal(10_000, log.CreateQuery().GetRootEvents().Count);
    }

    private static int[] Positions(EventLog log, IReadOnlyList<Event> events) =>
        [.. events.Select(e => log.Events.ToList().IndexOf(e))];
}
