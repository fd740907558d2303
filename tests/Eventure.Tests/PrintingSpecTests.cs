using static Eventure.Tests.TestSupport.TestData;

namespace Eventure.Tests;

/// <summary>Conformance cases C42–C48: the cascade viewer, byte for byte.</summary>
public sealed class PrintingSpecTests
{
    [Fact]
    public void C42_an_empty_log_should_print_three_lines()
    {
        Assert.Equal(Lines("===== EVENT CASCADE VIEWER =====", string.Empty, "<No events in log>"), PrintCascade(NewLog()));
    }

    [Fact]
    public void C43_the_reference_log_should_print_the_seed_output_exactly()
    {
        var expected = File.ReadAllText(FixturePath("reference-cascade.txt"))
            + Lines(
                string.Empty,
                "┌─── TICK 13 ───┐",
                "  │",
                "  └─ orphan",
                "  │ ID: 13-CADB-1",
                "  │ Data:",
                "  │   z: 0",
                "└────────────────┘");

        Assert.Equal(expected, PrintCascade(ReferenceLog()));
    }

    [Fact]
    public void C44_without_data_only_data_lines_should_disappear()
    {
        var printed = PrintCascade(ReferenceLog(), showData: false);

        Assert.DoesNotContain("Data:", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("value:", printed, StringComparison.Ordinal);
        Assert.Contains("\n    ↓ Triggers events in tick 1 (1)\n", printed, StringComparison.Ordinal);
        Assert.Contains("\n    │ ↓ Triggers events in: tick 1 (1), tick 3 (2)\n", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void C45_headers_and_footers_should_keep_the_seed_widths()
    {
        var log = LoadLines(Line(0, "a", "a"), Line(9, "b", "b"), Line(10, "c", "c"), Line(100, "d", "d"));
        var lines = PrintCascade(log).Split('\n');

        Assert.Equal(["┌─── TICK 0 ───┐", "┌─── TICK 9 ───┐", "┌─── TICK 10 ───┐", "┌─── TICK 100 ───┐"], lines.Where(l => l.StartsWith('┌')));
        Assert.Equal([16, 16, 17, 18], lines.Where(l => l.StartsWith('┌')).Select(l => l.Length));
        Assert.Equal([17, 17, 18, 19], lines.Where(l => l.StartsWith('└')).Select(l => l.Length));
    }

    [Fact]
    public void C46_details_should_always_use_the_bullet_marker()
    {
        var log = ReferenceLog();
        var query = log.CreateQuery();

        Assert.Equal(
            Lines("● test.grandchild (caused by: test.child1 @ tick 0)", "  ID: 1-CFFF-1", "  Data:", "    value: 4"),
            Print(w => query.PrintEventDetails(log.GetEventById("1-CFFF-1")!, w)));
        Assert.Equal(
            Lines("● test.child1", "  ID: 0-ACBA-1"),
            Print(w => query.PrintEventDetails(log.GetEventById("0-ACBA-1")!, w, showData: false)));
    }

    [Fact]
    public void C46_single_cascades_should_print_the_tree_without_viewer_frame()
    {
        var log = ReferenceLog();
        var query = log.CreateQuery();

        Assert.Equal(
            Lines("  │", "  └─ test.child1", "  │ ID: 0-ACBA-1", "  │ Data:", "  │   value: 2", "  │ ↓ Triggers events in: tick 1 (1), tick 3 (2)"),
            Print(w => query.PrintSingleCascade(log.GetEventById("0-ACBA-1")!, w)));
        Assert.Equal(
            Lines("│", "  ↓ test.grandchild (caused by: test.child1 @ tick 0)", "    ID: 1-CFFF-1", "    │", "    └─ x.deep", "    │ ID: 1-FFAD-1"),
            Print(w => query.PrintSingleCascade(log.GetEventById("1-CFFF-1")!, w, showData: false)));
    }

    [Fact]
    public void C47_dangling_and_later_tick_parents_should_print_with_the_child_marker()
    {
        var log = LoadLines(Line(1, "p1", "P1"), Line(0, "c0", "C0", "P1"), Line(0, "o", "O", "missing"));

        Assert.Equal(
            Lines(
                "===== EVENT CASCADE VIEWER =====",
                string.Empty,
                "┌─── TICK 0 ───┐",
                "  │",
                "  └─ c0",
                "  │ ID: C0",
                "  │",
                "  └─ o",
                "  │ ID: O",
                "└───────────────┘",
                string.Empty,
                "┌─── TICK 1 ───┐",
                "│",
                "  ● p1",
                "    ID: P1",
                "└───────────────┘"),
            PrintCascade(log, showData: false));
    }

    [Fact]
    public void C47_a_tick_holding_only_a_cycle_should_print_no_events()
    {
        var log = LoadLines(Line(5, "a", "A", "B"), Line(5, "b", "B", "A"));

        Assert.Equal(
            Lines("===== EVENT CASCADE VIEWER =====", string.Empty, "┌─── TICK 5 ───┐", "  <No events>", "└───────────────┘"),
            PrintCascade(log));
        Assert.Equal(
            Lines("  │", "  └─ a", "  │ ID: A", "    │", "    └─ b", "    │ ID: B"),
            Print(w => log.CreateQuery().PrintSingleCascade(log.Events[0], w)));
    }

    [Fact]
    public void C48_values_should_render_as_python_prints_them()
    {
        var log = NewLog();
        log.AddEvent("v", Data(("s", "text"), ("i", -3), ("b", true), ("f", false), ("n", null), ("x", 1.5), ("l", new object[] { 1, "a" }), ("o", Data(("k", 1)))));

        var printed = PrintCascade(log);

        foreach (var line in new[] { "s: text", "i: -3", "b: True", "f: False", "n: None", "x: 1.5", "l: [1, 'a']", "o: {'k': 1}" })
        {
            Assert.Contains($"\n      {line}\n", printed, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("it's", "\"it's\"")]
    [InlineData("say \"hi\"", "'say \"hi\"'")]
    [InlineData("both ' and \"", "'both \\' and \"'")]
    [InlineData("tab\there", "'tab\\there'")]
    [InlineData("é", "'é'")]
    public void C48_strings_inside_collections_should_use_python_repr_quoting(string value, string expected)
    {
        var log = NewLog();
        log.AddEvent("v", Data(("l", new object[] { value })));

        Assert.Contains($"l: [{expected}]\n", PrintCascade(log), StringComparison.Ordinal);
    }

    [Fact]
    public void Printing_should_default_to_the_current_console_output()
    {
        var log = NewLog();
        log.AddEvent("a");
        var original = Console.Out;
        var captured = new StringWriter();
        try
        {
            Console.SetOut(captured);
            log.CreateQuery().PrintEventCascade();
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.StartsWith("===== EVENT CASCADE VIEWER =====\n", captured.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_same_tick_chain_deeper_than_the_seed_limit_should_print_without_recursion()
    {
        // The seed failed at about 990 levels. Indentation makes the output quadratic in depth, so 2,000 levels is plenty.
        var log = NewLog();
        var last = log.AddEvent("a");
        for (var i = 0; i < 2_000; i++)
        {
            last = log.AddEvent("a", null, last);
        }

        var printed = PrintCascade(log, showData: false);

        Assert.EndsWith($"{new string(' ', 2 * 2_001)}│ ID: {last.Id}\n└───────────────┘\n", printed, StringComparison.Ordinal);
    }

    /// <summary>The log of seed spec section 7.1, with the orphan at tick 13.</summary>
    internal static EventLog ReferenceLog()
    {
        var log = NewLog();
        var root = log.AddEvent("test.root", Data(("value", 1)));
        var child1 = log.AddEvent("test.child1", Data(("value", 2)), root);
        log.AdvanceTick();
        log.AddEvent("test.child2", Data(("value", 3)), root);
        var grandchild = log.AddEvent("test.grandchild", Data(("value", 4)), child1);
        log.AddEvent("x.deep", Data(("k", "v")), grandchild);
        log.AdvanceToTick(3);
        log.AddEvent("late", null, child1);
        log.AddEvent("late2", Data(("a", new[] { 1, 2 }), ("b", null), ("c", Data(("d", 1))), ("e", "str"), ("f", 1.5), ("g", true)), child1);
        log.AdvanceToTick(13);
        log.Append(new Event(13, 2_000_000_000, "orphan", Data(("z", 0)), "13-CADB-1", "ghost-id"));
        return log;
    }

    private static string Print(Action<TextWriter> print)
    {
        var output = new StringWriter();
        print(output);
        return output.ToString();
    }
}
