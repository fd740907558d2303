using static Eventure.Tests.TestSupport.TestData;

namespace Eventure.Tests;

/// <summary>The compact payload: typed accessors, the boxed dictionary view, shared shapes, JSON equality.</summary>
public sealed class EventDataSpecTests
{
    [Fact]
    public void Typed_accessors_should_read_each_kind_without_the_dictionary_view()
    {
        var data = EventData.From(Data(("hp", 10), ("speed", 1.5), ("name", "orc"), ("big", long.MaxValue)));

        Assert.Equal(10L, data.GetInt64("hp"));
        Assert.Equal(long.MaxValue, data.GetInt64("big"));
        Assert.Equal(1.5, data.GetDouble("speed"));
        Assert.Equal(10.0, data.GetDouble("hp"));
        Assert.Equal("orc", data.GetString("name"));
    }

    [Fact]
    public void Typed_accessors_should_refuse_a_missing_key_and_another_kind()
    {
        var data = EventData.From(Data(("hp", 10), ("speed", 1.5), ("name", "orc"), ("none", null), ("alive", true)));

        Assert.Throws<KeyNotFoundException>(() => data.GetInt64("mana"));
        Assert.Throws<KeyNotFoundException>(() => data.GetString("mana"));
        var truncated = Assert.Throws<InvalidCastException>(() => data.GetInt64("speed"));
        Assert.Equal("The event data value at 'speed' is a float, not an integer.", truncated.Message);
        Assert.Throws<InvalidCastException>(() => data.GetDouble("name"));
        Assert.Throws<InvalidCastException>(() => data.GetDouble("alive"));
        Assert.Throws<InvalidCastException>(() => data.GetString("none"));
        Assert.Throws<InvalidCastException>(() => data.GetString("hp"));
    }

    [Fact]
    public void TryGet_forms_should_answer_false_instead_of_throwing()
    {
        var data = EventData.From(Data(("hp", 10), ("speed", 1.5), ("name", "orc"), ("none", null)));

        Assert.True(data.TryGetInt64("hp", out var hp));
        Assert.Equal(10L, hp);
        Assert.False(data.TryGetInt64("speed", out _));
        Assert.False(data.TryGetInt64("mana", out _));
        Assert.True(data.TryGetDouble("hp", out var asDouble));
        Assert.Equal(10.0, asDouble);
        Assert.False(data.TryGetDouble("name", out _));
        Assert.True(data.TryGetString("name", out var name));
        Assert.Equal("orc", name);
        Assert.False(data.TryGetString("none", out var none));
        Assert.Null(none);
    }

    [Fact]
    public void The_dictionary_view_should_box_normalized_values_in_key_order()
    {
        var data = EventData.From(Data(("i", 7), ("f", 2.5f), ("b", false), ("n", null), ("s", "x"), ("l", new[] { 1, 2 }), ("m", Data(("k", 1)))));

        Assert.Equal(["i", "f", "b", "n", "s", "l", "m"], data.Keys);
        Assert.Equal(7L, Assert.IsType<long>(data["i"]));
        Assert.Equal(2.5, Assert.IsType<double>(data["f"]));
        Assert.Equal(false, data["b"]);
        Assert.Null(data["n"]);
        Assert.True(data.ContainsKey("n"));
        Assert.Equal("x", data["s"]);
        Assert.Equal(EventDataList.From([1L, 2L]), data["l"]);
        Assert.Equal(1L, Assert.IsType<EventData>(data["m"]).GetInt64("k"));
        Assert.Equal(7, data.Count);
        Assert.Equal(data.Keys, data.Select(entry => entry.Key));
        Assert.Equal(data.Values, data.Select(entry => entry.Value));
    }

    [Fact]
    public void Small_integers_should_share_their_boxes()
    {
        var data = EventData.From(Data(("small", 5), ("large", 5_000_000)));

        Assert.Same(data["small"], data["small"]);
        Assert.Equal(data["large"], data["large"]);
    }

    [Fact]
    public void Payloads_with_the_same_keys_and_kinds_should_share_one_shape_and_one_string_per_key()
    {
        var first = EventData.From(Data((new string("shared_key".AsSpan()), 1), ("other", "a")));
        var second = EventData.From(Data((new string("shared_key".AsSpan()), 2), ("other", "b")));
        var otherKinds = EventData.From(Data(("shared_key", "text"), ("other", "b")));

        Assert.Same(first.Shape, second.Shape);
        Assert.Same(first.Keys.First(), second.Keys.First());
        Assert.NotSame(first.Shape, otherKinds.Shape);
        Assert.Same(first.Keys.First(), otherKinds.Keys.First());
        Assert.Equal(2L, second.GetInt64("shared_key"));
    }

    [Fact]
    public void Equality_should_follow_json_values_across_shapes()
    {
        var a = EventData.From(Data(("x", 1), ("y", "s"), ("z", Data(("q", 2.0)))));
        var b = EventData.From(Data(("y", "s"), ("z", Data(("q", 2))), ("x", 1.0)));
        var c = EventData.From(Data(("x", true), ("y", "s"), ("z", Data(("q", 2)))));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.NotEqual(EventData.From(Data(("x", null))), EventData.From(Data(("y", null))));
    }

    [Fact]
    public void Large_payloads_should_keep_every_value_and_find_keys_by_index()
    {
        var entries = Enumerable.Range(0, 20).Select(i => ($"k{i}", (object?)(i % 2 == 0 ? i : $"v{i}"))).ToArray();

        var data = EventData.From(Data(entries));

        Assert.False(data.Shape.IsInline);
        Assert.Equal(entries.Select(e => e.Item1), data.Keys);
        Assert.Equal(18L, data.GetInt64("k18"));
        Assert.Equal("v19", data.GetString("k19"));
        Assert.False(data.ContainsKey("k20"));
    }

    [Fact]
    public void A_repeated_key_should_keep_its_first_position_and_its_last_value()
    {
        var data = EventData.From([new("a", 1), new("b", 2), new("a", 3)]);

        Assert.Equal(["a", "b"], data.Keys);
        Assert.Equal(3L, data.GetInt64("a"));
    }
}
