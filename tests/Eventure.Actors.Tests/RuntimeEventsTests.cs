namespace Eventure.Actors.Tests;

/// <summary>The payloads of the runtime's own events, as a resume and a verification read them back.</summary>
public sealed class RuntimeEventsTests
{
    [Fact]
    public void A_despawn_should_record_its_cause_and_read_it_back()
    {
        foreach (var (cause, journaled) in new[] { (RuntimeEvents.CauseSelf, "self"), (RuntimeEvents.CauseExternal, "external"), (RuntimeEvents.CauseStopped, "stopped"), (RuntimeEvents.CauseFaults, "faults") })
        {
            var emission = RuntimeEvents.Despawned("orc", "enemy", cause);
            var e = new Event(3, 0, emission.Type, emission.Data, "3-AAAA-1");

            Assert.Equal(["entity", "kind", "cause"], emission.Data.Keys);
            Assert.Equal(journaled, emission.Data["cause"]);
            Assert.Equal(journaled, RuntimeEvents.CauseOf(e));
            Assert.False(RuntimeEvents.IsUncausedDespawn(e));
        }
    }

    [Fact]
    public void A_despawn_journaled_before_causes_were_recorded_should_read_as_uncaused()
    {
        var old = new Event(3, 0, "entity.despawned", new Dictionary<string, object?> { ["entity"] = "orc", ["kind"] = "enemy" }, "3-AAAA-1");
        var odd = new Event(3, 0, "entity.despawned", new Dictionary<string, object?> { ["entity"] = "orc", ["cause"] = "boredom" }, "3-AAAA-2");

        Assert.Null(RuntimeEvents.CauseOf(old));
        Assert.True(RuntimeEvents.IsUncausedDespawn(old));
        Assert.Equal("boredom", RuntimeEvents.CauseOf(odd));
        Assert.False(RuntimeEvents.IsUncausedDespawn(odd));
    }

    [Theory]
    [InlineData("entity.spawned", true)]
    [InlineData("entity.anything", true)]
    [InlineData("entity", false)]
    [InlineData("entityish.news", false)]
    [InlineData("market.entity.moved", false)]
    public void Only_entity_types_should_be_reserved(string type, bool reserved) => Assert.Equal(reserved, RuntimeEvents.IsReserved(type));
}
