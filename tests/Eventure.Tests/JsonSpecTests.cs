using Eventure.Tests.TestSupport;
using static Eventure.Tests.TestSupport.TestData;

namespace Eventure.Tests;

/// <summary>Conformance cases C07–C10: the JSON line format.</summary>
public sealed class JsonSpecTests
{
    private const string LoginLine =
        "{\"tick\": 3, \"timestamp\": 1700000000.5, \"type\": \"user.login\", \"data\": {\"u\": 1, \"name\": \"\\u00e9\"}, \"event_id\": \"3-EFCF-1\", \"parent_id\": null}";

    [Fact]
    public void C07_to_json_should_write_the_seed_line_exactly()
    {
        var e = new Event(3, 1700000000.5, "user.login", Data(("u", 1), ("name", "é")), "3-EFCF-1");

        Assert.Equal(LoginLine, e.ToJson());
    }

    [Fact]
    public void C07_to_json_should_write_the_parent_and_empty_data()
    {
        var e = new Event(1, 0.25, "a", null, "i", "p");

        Assert.Equal("{\"tick\": 1, \"timestamp\": 0.25, \"type\": \"a\", \"data\": {}, \"event_id\": \"i\", \"parent_id\": \"p\"}", e.ToJson());
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    public void C07_floats_should_use_python_repr(double value, string expected)
    {
        var e = new Event(0, value, "a", null, "i");

        Assert.Contains($"\"timestamp\": {expected},", e.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void C07_strings_should_escape_like_python_json_dumps()
    {
        var e = new Event(0, 0, "a", Data(("s", "q\"b\\n\n\t\u0001é😀\u007f")), "i");

        Assert.Contains("\"s\": \"q\\\"b\\\\n\\n\\t\\u0001\\u00e9\\ud83d\\ude00\\u007f\"", e.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void C08_from_json_should_parse_every_field()
    {
        var e = Event.FromJson(LoginLine.Replace("\"parent_id\": null", "\"parent_id\": \"0-ECBC-1\"", StringComparison.Ordinal));

        Assert.Equal(3, e.Tick);
        Assert.Equal(1700000000.5, e.Timestamp);
        Assert.Equal("user.login", e.Type);
        Assert.Equal(1L, e.Data["u"]);
        Assert.Equal("é", e.Data["name"]);
        Assert.Equal("3-EFCF-1", e.Id);
        Assert.Equal("0-ECBC-1", e.ParentId);
    }

    [Fact]
    public void C08_missing_ids_should_be_generated_in_order_and_unknown_keys_ignored()
    {
        var log = LoadLines(
            "{\"tick\": 2, \"timestamp\": 1.0, \"type\": \"a\", \"data\": {}}",
            "{\"tick\": 2, \"timestamp\": 1.0, \"type\": \"a\", \"data\": {}, \"event_id\": null}",
            "{\"tick\": 2, \"timestamp\": 1.0, \"type\": \"a\", \"data\": {}, \"id\": \"zzz\", \"extra\": [1]}");

        Assert.Equal("2-CCBC-1, 2-CCBC-2, 2-CCBC-3", Ids(log.Events));
    }

    [Fact]
    public void C08_from_json_should_continue_a_sequence_with_a_given_generator()
    {
        var ids = new EventIdGenerator();
        const string line = "{\"tick\": 2, \"timestamp\": 1.0, \"type\": \"a\", \"data\": {}}";

        Assert.Equal("2-CCBC-1", Event.FromJson(line, ids).Id);
        Assert.Equal("2-CCBC-2", Event.FromJson(line, ids).Id);
        Assert.Equal("2-CCBC-1", Event.FromJson(line).Id);
    }

    [Theory]
    [InlineData("{\"tick\": 2, \"type\": \"a\", \"data\": {}}", "missing required key 'timestamp'")]
    [InlineData("{broken", "invalid JSON")]
    [InlineData("[]", "expected a JSON object")]
    [InlineData("{\"tick\": \"5\", \"timestamp\": 1, \"type\": \"a\", \"data\": {}}", "'tick' must be a 64-bit integer")]
    [InlineData("{\"tick\": 1, \"timestamp\": 1, \"type\": \"a\", \"data\": []}", "'data' must be a JSON object")]
    [InlineData("{\"tick\": 1, \"timestamp\": NaN, \"type\": \"a\", \"data\": {}}", "invalid JSON")]
    [InlineData("{\"tick\": 1, \"timestamp\": 1, \"type\": \"a\", \"data\": {}} x", "invalid JSON")]
    public void C08_bad_lines_should_fail_with_a_clear_message(string line, string problem)
    {
        var error = Assert.Throws<EventLogFormatException>(() => Event.FromJson(line));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void C09_round_trip_should_keep_values_and_key_order()
    {
        var data = Data(("s", "x"), ("i", 7), ("f", 1.5), ("b", true), ("n", null), ("l", new object[] { 1, "two" }), ("o", Data(("k", Array.Empty<object>()))));
        var e = new Event(0, 12.5, "a", data, "i1", "p1");

        var back = Event.FromJson(e.ToJson());

        Assert.Equal(e, back);
        Assert.Equal(["s", "i", "f", "b", "n", "l", "o"], back.Data.Keys);
        Assert.IsType<long>(back.Data["i"]);
        Assert.IsType<double>(back.Data["f"]);
        Assert.Equal(e.ToJson(), back.ToJson());
    }

    [Fact]
    public void C10_non_finite_timestamps_should_be_rejected()
    {
        var error = Assert.Throws<EventDataException>(() => new Event(0, double.NaN, "a", null, "nan-id"));

        Assert.Contains("nan-id", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void C10_non_finite_data_should_be_rejected_when_published(double value)
    {
        var log = NewLog();
        var bus = new EventBus(log);

        var error = Assert.Throws<EventDataException>(() => bus.Publish("a", Data(("x", value))));

        Assert.Contains("data.x", error.Message, StringComparison.Ordinal);
        Assert.Empty(log.Events);
    }

    [Fact]
    public void Unsupported_data_values_should_be_rejected_with_their_path()
    {
        var error = Assert.Throws<EventDataException>(() => new Event(0, 0, "a", Data(("o", Data(("when", DateTime.UnixEpoch)))), "i"));

        Assert.Contains("data.o.when", error.Message, StringComparison.Ordinal);
    }
}
