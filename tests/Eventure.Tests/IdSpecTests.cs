using Eventure.Tests.TestSupport;
using static Eventure.Tests.TestSupport.TestData;

namespace Eventure.Tests;

/// <summary>Conformance cases C01–C06: the type hash, the id format and the sequence counters.</summary>
public sealed class IdSpecTests
{
    [Theory]
    [InlineData("player.move", "0-ECBC-1")]
    [InlineData("room.enter", "0-FADA-1")]
    [InlineData("a", "0-CCBC-1")]
    [InlineData("b", "0-EBFF-1")]
    [InlineData("x.y", "0-BDCD-1")]
    [InlineData("", "0-DDCD-1")]
    [InlineData("ünïcode.事件", "0-BFCE-1")]
    [InlineData("user.login", "0-EFCF-1")]
    [InlineData("t15101", "0-BCC-1")]
    public void C01_first_id_should_follow_the_seed_type_hash(string type, string expected)
    {
        var log = NewLog();

        Assert.Equal(expected, log.AddEvent(type).Id);
    }

    [Theory]
    [InlineData("user.created", "FCFB")]
    [InlineData("user.updated", "BEEE")]
    [InlineData("item.spawn", "FDFC")]
    [InlineData("item.hit", "FDFC")]
    [InlineData("player.attack", "DBCB")]
    [InlineData("combat.damage", "EBEB")]
    [InlineData("cascade.l3", "ECBB")]
    public void C01_type_hash_should_match_the_reference_values(string type, string hash)
    {
        Assert.Equal(hash, EventId.TypeHash(type));
    }

    [Fact]
    public void C02_sequence_should_count_per_tick_and_hash()
    {
        var log = NewLog();
        var ids = new List<string> { log.AddEvent("a").Id, log.AddEvent("a").Id, log.AddEvent("b").Id, log.AddEvent("a").Id };
        log.AdvanceTick();
        ids.Add(log.AddEvent("a").Id);

        Assert.Equal(["0-CCBC-1", "0-CCBC-2", "0-EBFF-1", "0-CCBC-3", "1-CCBC-1"], ids);
    }

    [Fact]
    public void C03_colliding_hashes_should_share_one_counter()
    {
        var log = NewLog();

        Assert.Equal(
            ["0-FDFC-1", "0-FDFC-2", "0-FDFC-3"],
            [log.AddEvent("item.spawn").Id, log.AddEvent("item.hit").Id, log.AddEvent("item.spawn").Id]);
    }

    [Fact]
    public void C04_explicit_id_should_be_kept_and_use_no_sequence_number()
    {
        var custom = new Event(0, 0, "a", null, "custom");
        var empty = new Event(0, 0, "a", null, string.Empty);
        var log = NewLog();

        Assert.Equal("custom", custom.Id);
        Assert.Equal(string.Empty, empty.Id);
        Assert.Equal("0-CCBC-1", log.AddEvent("a").Id);
    }

    [Fact]
    public void C05_counters_should_not_be_shared_between_logs()
    {
        var first = NewLog();
        var second = NewLog();

        Assert.Equal("0-CCBC-1", first.AddEvent("a").Id);
        Assert.Equal("0-CCBC-1", second.AddEvent("a").Id);
    }

    [Fact]
    public void C06_ids_should_continue_after_the_loaded_ones()
    {
        using var file = new TempFile();
        var log = NewLog();
        log.AddEvent("a");
        log.AdvanceTick();
        Assert.Equal("1-EBFF-1", log.AddEvent("b").Id);
        log.SaveToFile(file.Path);

        var loaded = EventLog.LoadFromFile(file.Path);

        Assert.Equal(1, loaded.CurrentTick);
        Assert.Equal("1-EBFF-2", loaded.AddEvent("b").Id);
    }

    [Fact]
    public void C06_appending_an_existing_id_should_be_rejected_and_leave_the_log_unchanged()
    {
        var log = NewLog();
        var first = log.AddEvent("a");

        var error = Assert.Throws<DuplicateEventIdException>(() => log.Append(new Event(0, 1, "b", null, first.Id)));

        Assert.Equal("0-CCBC-1", error.EventId);
        Assert.Contains("0-CCBC-1", error.Message, StringComparison.Ordinal);
        Assert.Single(log.Events);
    }

    [Fact]
    public void Appended_standard_ids_should_advance_the_counter_of_their_tick_and_hash()
    {
        var log = NewLog();
        log.Append(new Event(0, 1, "a", null, "0-CCBC-7"));

        Assert.Equal("0-CCBC-8", log.AddEvent("a").Id);
    }

    [Theory]
    [InlineData("-1-CCBC-1", -1, "CCBC", 1)]
    [InlineData("0-BCC-12", 0, "BCC", 12)]
    [InlineData("0--1", 0, "", 1)]
    public void TryParse_should_split_standard_ids(string id, long tick, string hash, long sequence)
    {
        Assert.True(EventId.TryParse(id, out var t, out var h, out var s));
        Assert.Equal((tick, hash, sequence), (t, h, s));
    }

    [Theory]
    [InlineData("evt_1")]
    [InlineData("a-b-c")]
    [InlineData("0-XYZW-1")]
    [InlineData("")]
    public void TryParse_should_refuse_opaque_ids(string id)
    {
        Assert.False(EventId.TryParse(id, out _, out _, out _));
    }
}
