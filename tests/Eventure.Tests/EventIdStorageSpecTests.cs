using static Eventure.Tests.TestSupport.TestData;

namespace Eventure.Tests;

/// <summary>Standard ids are kept as their sequence number; they must read, compare and index as their text.</summary>
public sealed class EventIdStorageSpecTests
{
    [Fact]
    public void Generated_ids_should_be_kept_compact_and_read_as_the_standard_text()
    {
        var log = NewLog();
        log.AddEvent("a");
        log.AdvanceTick();
        var e = log.AddEvent("user.login");

        Assert.Equal(1, e.Sequence);
        Assert.Equal("1-EFCF-1", e.Id);
        Assert.Same(e.Id, e.Id);
        Assert.Same(e, log.GetEventById("1-EFCF-1"));
        Assert.Null(log.GetEventById("1-EFCF-2"));
        Assert.Null(log.GetEventById("01-EFCF-1"));
    }

    [Fact]
    public void Loaded_ids_should_be_compact_only_when_they_are_exactly_what_the_log_would_generate()
    {
        var log = LoadLines(
            Line(3, "user.login", "3-EFCF-1"),
            Line(3, "user.login", "custom"),
            Line(3, "user.login", "4-EFCF-2"),
            Line(3, "user.login", "03-EFCF-3"),
            Line(3, "user.login", "3-EFCF-04"),
            Line(3, "user.login", "3-CCBC-5"));

        Assert.Equal([1, 0, 0, 0, 0, 0], log.Events.Select(e => e.Sequence));
        Assert.Equal("3-EFCF-1, custom, 4-EFCF-2, 03-EFCF-3, 3-EFCF-04, 3-CCBC-5", Ids(log.Events));
        foreach (var e in log.Events)
        {
            Assert.Same(e, log.GetEventById(e.Id));
        }
    }

    [Fact]
    public void A_text_id_equal_to_a_compact_one_should_be_a_duplicate()
    {
        var error = Assert.Throws<EventLogFormatException>(() => LoadLines(Line(0, "a", "0-CCBC-1"), Line(5, "b", "0-CCBC-1")));
        Assert.Contains("duplicate event id '0-CCBC-1' (first seen on line 1)", error.Message, StringComparison.Ordinal);

        var log = NewLog();
        log.AddEvent("a");
        var duplicate = Assert.Throws<DuplicateEventIdException>(() => log.Append(new Event(7, 0, "b", null, "0-CCBC-1")));
        Assert.Equal("0-CCBC-1", duplicate.EventId);
    }

    [Fact]
    public void Compact_and_text_ids_should_compare_and_hash_alike()
    {
        var compact = LoadLines(Line(2, "a", "2-CCBC-7", timestamp: 1.5)).Events[0];
        var text = new Event(2, 1.5, "a", null, "2-CCBC-7");

        Assert.Equal(7, compact.Sequence);
        Assert.Equal(0, text.Sequence);
        Assert.Equal(compact, text);
        Assert.Equal(text, compact);
        Assert.Equal(compact.GetHashCode(), text.GetHashCode());
        Assert.Equal(text.ToJson(), compact.ToJson());
        Assert.NotEqual(compact, new Event(2, 1.5, "a", null, "2-CCBC-8"));
    }

    [Fact]
    public void Ids_generated_after_a_load_should_continue_after_compact_ones()
    {
        var log = LoadLines(Line(0, "a", "0-CCBC-41"), Line(0, "b", "x"));

        Assert.Equal("0-CCBC-42", log.AddEvent("a").Id);
        Assert.Equal("0-EBFF-1", log.AddEvent("b").Id);
    }

    [Fact]
    public void The_id_index_should_find_every_event_of_a_large_log()
    {
        var log = NewLog();
        for (var i = 0; i < 5_000; i++)
        {
            if (i % 37 == 0)
            {
                log.AdvanceTick();
            }

            log.AddEvent(i % 3 == 0 ? "a" : "b");
        }

        log.Append(new Event(9_999, 0, "a", null, "explicit"));

        Assert.All(log.Events, e => Assert.Same(e, log.GetEventById(e.Id)));
        Assert.Null(log.GetEventById("9999-CCBC-1"));
    }

    [Fact]
    public void A_lenient_load_should_drop_later_duplicates_and_place_generated_ids_in_file_order()
    {
        using var file = new TestSupport.TempFile();
        File.WriteAllText(file.Path, Lines(
            Line(0, "a", "0-CCBC-1"),
            "{\"tick\": 0, \"timestamp\": 1, \"type\": \"a\", \"data\": {}}",
            Line(0, "a", "0-CCBC-1"),
            Line(9, "b", "9-EBFF-3")));

        var result = EventLog.LoadFromFileLenient(file.Path);

        Assert.Equal("0-CCBC-1, 0-CCBC-2, 9-EBFF-3", Ids(result.Log.Events));
        Assert.Equal([3], result.SkippedLines.Select(l => l.LineNumber));
        Assert.Equal(9, result.Log.CurrentTick);
        Assert.All(result.Log.Events, e => Assert.Same(e, result.Log.GetEventById(e.Id)));
    }

    [Fact]
    public void A_duplicate_far_apart_in_a_large_file_should_fail_at_its_own_line()
    {
        var lines = Enumerable.Range(0, 30_000).Select(i => Line(i / 100, "a", $"{i / 100}-CCBC-{(i % 100) + 1}", data: "{\"value\": 7, \"actor\": \"a12\"}")).ToList();
        lines.Add(Line(3, "a", "3-CCBC-5"));
        lines.Add(Line(1, "b", "1-CCBC-9"));

        var error = Assert.Throws<EventLogFormatException>(() => LoadLines([.. lines]));

        Assert.Equal(30_001, error.LineNumber);
        Assert.Contains("duplicate event id '3-CCBC-5' (first seen on line 305)", error.Message, StringComparison.Ordinal);
    }
}
