using System.Text;
using Eventure.Internal;
using Eventure.Tests.TestSupport;
using static Eventure.Tests.TestSupport.TestData;

namespace Eventure.Tests;

/// <summary>
/// Saving: byte-identical to the Python original whatever the values, the same bytes whether formatted in one
/// block or in many blocks on several threads, and failures that leave no file behind.
/// </summary>
public sealed class SaveSpecTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Theory]
    [InlineData("python-values.jsonl")]
    [InlineData("seed-crypto-bot.jsonl")]
    [InlineData("seed-adventure.jsonl")]
    public void A_file_written_by_the_original_should_be_saved_again_byte_for_byte(string name)
    {
        using var file = new TempFile();
        var original = File.ReadAllBytes(Fixture(name));

        EventLog.LoadFromFile(Fixture(name)).SaveToFile(file.Path);

        AssertSameBytes(original, File.ReadAllBytes(file.Path));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(100_000)]
    public void Any_block_size_should_write_the_same_bytes(int blockEvents)
    {
        var original = File.ReadAllBytes(Fixture("python-values.jsonl"));
        var log = EventLog.LoadFromFile(Fixture("python-values.jsonl"));
        var events = log.Events.ToArray();
        using var output = new MemoryStream();

        var lastTick = JsonLinesPipeline.Write(events, events.Length, new StreamBlockSink(output), blockEvents);

        AssertSameBytes(original, output.ToArray());
        Assert.Equal(events.Max(e => e.Tick), lastTick);
    }

    [Fact]
    public void A_log_of_many_blocks_should_save_its_events_in_order_with_the_metadata_line_last()
    {
        using var file = new TempFile();
        var log = NewLog();
        var events = (JsonLinesPipeline.BlockEvents * 3) + 5;
        Event? parent = null;
        for (var i = 0; i < events; i++)
        {
            parent = log.AddEvent(i % 3 == 0 ? "x.a" : "y.b", Data(("i", i), ("half", i / 2.0), ("s", $"é{i}")), i % 5 == 0 ? null : parent);
            if (i % 1000 == 999)
            {
                log.AdvanceTick();
            }
        }

        log.AdvanceTick();
        log.AdvanceTick();
        log.SaveToFile(file.Path, flushToDisk: false);

        var expected = string.Concat(log.Events.Select(e => e.ToJson() + "\n")) +
            $"{{\"eventure_meta\": {{\"format\": 1, \"current_tick\": {log.CurrentTick}}}}}\n";
        Assert.Equal(expected, File.ReadAllText(file.Path, Encoding.ASCII));
        var loaded = EventLog.LoadFromFile(file.Path);
        Assert.Equal(log.Events, loaded.Events);
        Assert.Equal(log.CurrentTick, loaded.CurrentTick);
    }

    [Fact]
    public void A_durable_save_of_many_megabytes_should_flush_as_it_goes_and_write_every_byte()
    {
        using var file = new TempFile();
        var log = NewLog();
        var filler = new string('x', 2_000);
        for (var i = 0; i < 6_000; i++)
        {
            log.AddEvent("big", Data(("i", i), ("filler", filler)));
        }

        log.SaveToFile(file.Path);

        var expected = Encoding.ASCII.GetBytes(string.Concat(log.Events.Select(e => e.ToJson() + "\n")));
        Assert.True(expected.Length > 3 * (4 << 20), "the file spans several background flushes");
        AssertSameBytes(expected, File.ReadAllBytes(file.Path));
    }

    [Fact]
    public void Saving_with_and_without_the_flush_should_write_the_same_file()
    {
        using var durable = new TempFile("durable.jsonl");
        using var cached = new TempFile("cached.jsonl");
        var log = EventLog.LoadFromFile(Fixture("seed-crypto-bot.jsonl"));

        log.SaveToFile(durable.Path);
        log.SaveToFile(cached.Path, flushToDisk: false);

        AssertSameBytes(File.ReadAllBytes(durable.Path), File.ReadAllBytes(cached.Path));
    }

    [Fact]
    public void A_stream_that_fails_midway_should_fail_the_write_with_its_own_exception()
    {
        var log = EventLog.LoadFromFile(Fixture("python-values.jsonl"));
        var events = log.Events.ToArray();
        using var stream = new FailingStream(failOnWrite: 3);

        var error = Assert.Throws<IOException>(() => JsonLinesPipeline.Write(events, events.Length, new StreamBlockSink(stream), blockEvents: 10));

        Assert.Equal("disk full (test)", error.Message);
        Assert.Equal(3, stream.Writes);
    }

    [Fact]
    public void Saving_over_a_folder_should_fail_and_leave_the_folder_and_no_temporary_file()
    {
        using var file = new TempFile();
        Directory.CreateDirectory(file.Path);
        File.WriteAllText(Path.Combine(file.Path, "inside.txt"), "kept");
        var log = NewLog();
        log.AddEvent("a");

        var error = Assert.ThrowsAny<IOException>(() => log.SaveToFile(file.Path));

        Assert.StartsWith($"Cannot save the log to '{file.Path}': ", error.Message, StringComparison.Ordinal);
        Assert.Equal("kept", File.ReadAllText(Path.Combine(file.Path, "inside.txt")));
        Assert.Equal([file.Path], Directory.GetFileSystemEntries(file.Folder));
    }

    [Fact]
    public void Saving_below_a_file_should_fail_and_leave_that_file_as_it_was()
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, "old\n");
        var log = NewLog();
        log.AddEvent("a");

        var error = Assert.ThrowsAny<IOException>(() => log.SaveToFile(Path.Combine(file.Path, "log.jsonl")));

        Assert.StartsWith($"Cannot save the log to '{Path.Combine(file.Path, "log.jsonl")}': ", error.Message, StringComparison.Ordinal);
        Assert.Equal("old\n", File.ReadAllText(file.Path));
        Assert.Equal([file.Path], Directory.GetFileSystemEntries(file.Folder));
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            var at = expected.AsSpan().CommonPrefixLength(actual);
            var line = expected.AsSpan(0, Math.Min(at, expected.Length)).Count((byte)'\n') + 1;
            Assert.Fail($"The bytes differ at offset {at} (line {line}) of {expected.Length} expected and {actual.Length} written.");
        }
    }

    /// <summary>A write-only stream whose <c>n</c>-th write fails, as a full disk would.</summary>
    private sealed class FailingStream(int failOnWrite) : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (++Writes == failOnWrite)
            {
                throw new IOException("disk full (test)");
            }

            base.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    }
}
