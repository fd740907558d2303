using System.Text;
using Eventure.Tests.TestSupport;
using static Eventure.Tests.TestSupport.TestData;

namespace Eventure.Tests;

/// <summary>Conformance cases C17–C21: the JSON-lines file.</summary>
public sealed class SaveLoadSpecTests
{
    [Fact]
    public void C17_save_should_write_one_ascii_line_per_event_and_reload_faithfully()
    {
        using var file = new TempFile();
        var log = NewLog();
        var a = log.AddEvent("a", Data(("n", 1)));
        log.AdvanceTick();
        log.AdvanceTick();
        var b = log.AddEvent("b", Data(("s", "é")), a);
        log.AddEvent("a", null, b);

        log.SaveToFile(file.Path);
        var bytes = File.ReadAllBytes(file.Path);
        var loaded = EventLog.LoadFromFile(file.Path);

        var text = Encoding.ASCII.GetString(bytes);
        Assert.All(bytes, b => Assert.True(b < 0x80));
        Assert.Equal(3, text.Count(c => c == '\n'));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Equal(string.Concat(log.Events.Select(e => e.ToJson() + "\n")), text);
        Assert.Equal(log.Events, loaded.Events);
        Assert.Equal(2, loaded.CurrentTick);
    }

    [Fact]
    public void C17_an_empty_log_should_save_as_an_empty_file()
    {
        using var file = new TempFile();

        NewLog().SaveToFile(file.Path);

        Assert.Equal(0, new FileInfo(file.Path).Length);
    }

    [Fact]
    public void C18_current_tick_should_survive_save_and_load()
    {
        using var file = new TempFile();
        var log = NewLog();
        log.AddEvent("a");
        log.AdvanceTick();
        log.AdvanceTick();
        log.AddEvent("b");
        log.AdvanceTick();
        log.AdvanceTick();

        log.SaveToFile(file.Path);
        var loaded = EventLog.LoadFromFile(file.Path);

        Assert.Equal(4, loaded.CurrentTick);
        Assert.Equal(2, loaded.Events.Count);
        Assert.EndsWith("{\"eventure_meta\": {\"format\": 1, \"current_tick\": 4}}\n", File.ReadAllText(file.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void C18_seed_files_without_metadata_should_fall_back_to_the_largest_tick()
    {
        var log = LoadLines(Line(0, "a", "0-CCBC-1"), Line(2, "b", "2-EBFF-1"));

        Assert.Equal(2, log.CurrentTick);
    }

    [Fact]
    public void C19_blank_lines_and_a_missing_final_newline_should_be_accepted()
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, "\n   \n" + Line(0, "a", "x") + "\n\n");
        Assert.Single(EventLog.LoadFromFile(file.Path).Events);

        File.WriteAllText(file.Path, Line(0, "a", "x"));
        Assert.Single(EventLog.LoadFromFile(file.Path).Events);

        File.WriteAllText(file.Path, string.Empty);
        var empty = EventLog.LoadFromFile(file.Path);
        Assert.Empty(empty.Events);
        Assert.Equal(0, empty.CurrentTick);
    }

    [Fact]
    public void C19_file_order_should_be_kept_and_the_current_tick_be_the_largest()
    {
        var log = LoadLines(Line(3, "a", "a"), Line(7, "a", "b"), Line(2, "a", "c"));

        Assert.Equal([3L, 7L, 2L], log.Events.Select(e => e.Tick));
        Assert.Equal(7, log.CurrentTick);
    }

    [Fact]
    public void C19_negative_ticks_should_load_with_current_tick_zero()
    {
        var log = LoadLines(Line(-5, "a", "x"));

        Assert.Equal(-5, log.Events[0].Tick);
        Assert.Equal(0, log.CurrentTick);
    }

    [Fact]
    public void C20_a_corrupt_line_should_fail_the_load_naming_file_and_line()
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, Lines(Line(0, "a", "1"), "{broken", Line(0, "a", "3")));

        var error = Assert.Throws<EventLogFormatException>(() => EventLog.LoadFromFile(file.Path));

        Assert.Equal(2, error.LineNumber);
        Assert.Equal(file.Path, error.Path);
        Assert.StartsWith($"{file.Path}: line 2: invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void C20_lenient_load_should_skip_and_report_bad_lines()
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, Lines(Line(0, "a", "1"), "{broken", Line(0, "a", "3"), Line(0, "a", "1")));

        var result = EventLog.LoadFromFileLenient(file.Path);

        Assert.Equal(["1", "3"], result.Log.Events.Select(e => e.Id));
        Assert.Equal([2, 4], result.SkippedLines.Select(l => l.LineNumber));
        Assert.Contains("duplicate event id '1' (first seen on line 1)", result.SkippedLines[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_ids_in_a_file_should_fail_a_strict_load()
    {
        var error = Assert.Throws<EventLogFormatException>(() => LoadLines(Line(0, "a", "same"), Line(0, "b", "same")));

        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public void A_missing_file_should_throw_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => EventLog.LoadFromFile(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.jsonl")));
    }

    [Fact]
    public void C21_a_seed_written_file_should_load_print_and_reserialize_exactly()
    {
        string[] lines =
        [
            "{\"tick\": 0, \"timestamp\": 1700000000.0, \"type\": \"player.move\", \"data\": {\"to\": \"hall\"}, \"event_id\": \"0-ECBC-1\", \"parent_id\": null}",
            "{\"tick\": 1, \"timestamp\": 1700000001.25, \"type\": \"room.enter\", \"data\": {\"room\": \"hall\", \"note\": \"caf\\u00e9\"}, \"event_id\": \"1-FADA-1\", \"parent_id\": \"0-ECBC-1\"}",
            "{\"tick\": 1, \"timestamp\": 1700000001.5, \"type\": \"a\", \"data\": {}, \"event_id\": \"1-CCBC-1\", \"parent_id\": \"1-FADA-1\"}",
        ];

        var log = LoadLines(lines);

        Assert.Equal(3, log.Events.Count);
        Assert.Equal(1, log.CurrentTick);
        Assert.Equal("café", log.Events[1].Data["note"]);
        Assert.Equal(lines, log.Events.Select(e => e.ToJson()));
        Assert.Equal(
            Lines(
                "===== EVENT CASCADE VIEWER =====",
                string.Empty,
                "┌─── TICK 0 ───┐",
                "│",
                "  ● player.move",
                "    ID: 0-ECBC-1",
                "    ↓ Triggers events in tick 1 (1)",
                "└───────────────┘",
                string.Empty,
                "┌─── TICK 1 ───┐",
                "│",
                "  ↓ room.enter (caused by: player.move @ tick 0)",
                "    ID: 1-FADA-1",
                "    │",
                "    └─ a",
                "    │ ID: 1-CCBC-1",
                "└───────────────┘"),
            PrintCascade(log, showData: false));
    }

    [Fact]
    public void Save_should_replace_an_existing_file_and_leave_no_temporary_files()
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, "old content that is longer than the new one\n");
        var log = NewLog();
        log.AddEvent("a");

        log.SaveToFile(file.Path);

        Assert.Equal(log.Events[0].ToJson() + "\n", File.ReadAllText(file.Path));
        Assert.Equal([file.Path], Directory.GetFiles(file.Folder));
    }

    [Fact]
    public void Save_into_a_missing_folder_should_fail_without_creating_anything()
    {
        using var file = new TempFile();
        var target = Path.Combine(file.Folder, "no-such-folder", "log.jsonl");

        Assert.Throws<DirectoryNotFoundException>(() => NewLog().SaveToFile(target));
        Assert.Empty(Directory.GetFileSystemEntries(file.Folder));
    }
}
