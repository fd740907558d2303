using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Persistence;

namespace Eventure.Actors.Tests.Persistence;

public sealed class EventureJournalSerializerSpec : TestKit
{
    public EventureJournalSerializerSpec()
        : base(EventureConfig.Default)
    {
    }

    [Fact]
    public void Journaled_events_should_round_trip_with_a_short_manifest_and_json_payload()
    {
        var e = new Event(3, 1_767_225_603, "market.quote", new Dictionary<string, object?> { ["price"] = 101.5, ["qty"] = 2, ["tags"] = new[] { "a" } }, "3-ABCD-1", "2-FFFF-1");
        var (manifest, bytes, back) = RoundTrip(new JournaledEvent(e, "trader-01"));

        Assert.Equal("ev2", manifest);
        Assert.Equal(new JournaledEvent(e, "trader-01"), back);
        Assert.DoesNotContain("Eventure", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.StartsWith("{\"source\":\"trader-01\",\"event\":{\"tick\": 3,", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Input_marks_should_round_trip_and_payloads_without_one_should_read_as_not_input()
    {
        var e = new Event(1, 2, "news.flash", null, "1-ABCD-1");
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(JournaledEvent));

        var (_, bytes, back) = RoundTrip(new JournaledEvent(e, null) { IsInput = true });
        var unmarked = Assert.IsType<JournaledEvent>(serializer.FromBinary("{\"source\":null,\"event\":{\"tick\": 1, \"timestamp\": 2.0, \"type\": \"news.flash\", \"data\": {}, \"event_id\": \"1-ABCD-1\", \"parent_id\": null}}"u8.ToArray(), "ev2"));

        Assert.StartsWith("{\"source\":null,\"input\":true,\"event\":{", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.True(Assert.IsType<JournaledEvent>(back).IsInput);
        Assert.Equal(e, unmarked.Event);
        Assert.False(unmarked.IsInput);
        Assert.DoesNotContain("input", System.Text.Encoding.UTF8.GetString(serializer.ToBinary(new JournaledEvent(e, null))), StringComparison.Ordinal);
    }

    [Fact]
    public void Version_1_event_payloads_should_still_be_read()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(JournaledEvent));
        var v1 = System.Text.Encoding.UTF8.GetBytes("{\"event\": \"{\\\"tick\\\": 2, \\\"timestamp\\\": 1.0, \\\"type\\\": \\\"a.b\\\", \\\"data\\\": {\\\"n\\\": 1}, \\\"event_id\\\": \\\"2-AAAA-1\\\", \\\"parent_id\\\": null}\", \"source\": \"e1\"}");

        var back = Assert.IsType<JournaledEvent>(serializer.FromBinary(v1, "ev1"));

        Assert.Equal(("a.b", 2L, "e1", 1L), (back.Event.Type, back.Event.Tick, back.Source, (long)back.Event.Data["n"]!));
    }

    [Fact]
    public void A_corrupt_version_2_payload_should_fail_clearly()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(JournaledEvent));

        var ex = Assert.Throws<SerializationException>(() => serializer.FromBinary("{\"source\":null,\"event\":{\"tick\": \"x\"}}"u8.ToArray(), "ev2"));

        Assert.Contains("Corrupt 'ev2' payload", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tick_markers_snapshots_and_projection_offsets_should_round_trip()
    {
        var e = new Event(0, 1, "a", null, "0-CCBC-1");
        var snapshot = new LogSnapshot([new AppendTick(0, [e], ["x"], 99)]);

        Assert.Equal(("tick1", new TickMarker(4, 2, -7)), Pick(RoundTrip(new TickMarker(4, 2, -7))));
        var (manifest, _, back) = RoundTrip(snapshot);
        var restored = Assert.IsType<LogSnapshot>(back);
        Assert.Equal("snap2", manifest);
        Assert.Equal(e, restored.Ticks[0].Events[0]);
        Assert.Equal(new[] { "x" }, restored.Ticks[0].Sources.ToArray());
        Assert.Equal(99, restored.Ticks[0].Checksum);
        Assert.Empty(restored.Ticks[0].Inputs);
        Assert.Equal(("proj1", new ProjectionSnapshot(5, 2, "{\"a\":1}")), Pick(RoundTrip(new ProjectionSnapshot(5, 2, "{\"a\":1}"))));
    }

    [Fact]
    public void Snapshots_should_keep_input_marks()
    {
        var input = new Event(0, 1, "news", null, "0-AAAA-1");
        var reaction = new Event(0, 1, "reply", null, "0-BBBB-1", "0-AAAA-1");
        var snapshot = new LogSnapshot([new AppendTick(0, [reaction, input], ["x", null], 1) { Inputs = [false, true] }]);

        var restored = Assert.IsType<LogSnapshot>(RoundTrip(snapshot).Back);

        Assert.Equal([false, true], restored.Ticks[0].Inputs.ToArray());
    }

    [Fact]
    public void Upcasters_should_rewrite_old_payloads_before_decoding()
    {
        JournalUpcasters.For(Sys).Register(new RenameType());
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(JournaledEvent));
        var old = System.Text.Encoding.UTF8.GetBytes("{\"event\": \"{\\\"tick\\\": 0, \\\"timestamp\\\": 1.0, \\\"type\\\": \\\"old.name\\\", \\\"data\\\": {}, \\\"event_id\\\": \\\"0-AAAA-1\\\", \\\"parent_id\\\": null}\", \"source\": null}");

        var back = Assert.IsType<JournaledEvent>(serializer.FromBinary(old, "ev0"));

        Assert.Equal("new.name", back.Event.Type);
    }

    [Fact]
    public void Unknown_manifests_and_corrupt_payloads_should_fail_clearly()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(JournaledEvent));

        Assert.Contains("Unknown Eventure journal manifest 'zz9'", Assert.Throws<SerializationException>(() => serializer.FromBinary([], "zz9")).Message, StringComparison.Ordinal);
        Assert.Contains("Corrupt 'tick1' payload", Assert.Throws<SerializationException>(() => serializer.FromBinary("{"u8.ToArray(), "tick1")).Message, StringComparison.Ordinal);
    }

    private (string Manifest, byte[] Bytes, object Back) RoundTrip(object value)
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(value);
        Assert.Equal(EventureJournalSerializer.Id, serializer.Identifier);
        var manifest = serializer.Manifest(value);
        var bytes = serializer.ToBinary(value);
        return (manifest, bytes, serializer.FromBinary(bytes, manifest));
    }

    private static (string, object) Pick((string Manifest, byte[] Bytes, object Back) result) => (result.Manifest, result.Back);

    private sealed class RenameType : IJournalUpcaster
    {
        public (string Manifest, string Json) Upcast(string manifest, string json) =>
            manifest == "ev0" ? ("ev1", json.Replace("old.name", "new.name", StringComparison.Ordinal)) : (manifest, json);
    }
}
