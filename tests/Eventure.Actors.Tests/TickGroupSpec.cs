using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Tests.TestEntities;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests;

/// <summary>
/// The population is split into tick groups that broadcast and collect in parallel. How it is split must never
/// show: the same events and checksums whatever the group count, the barrier holds across groups, silent entities
/// are named in entity-id order whichever group they sit in, and an entity that stops mid-tick releases its group.
/// </summary>
public sealed class TickGroupSpec : TestKit
{
    private static EventureSettings Grouped(int groups, TimeSpan? timeout = null) =>
        EventureSettings.Default with { Partitions = groups, TickTimeout = timeout ?? EventureSettings.Default.TickTimeout };

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public async Task A_grouped_population_should_log_the_same_events_and_checksums_as_a_single_group(int groups)
    {
        var single = await RunTraders(Grouped(1));

        var grouped = await RunTraders(Grouped(groups));

        Assert.Contains("order.filled", single.Export, StringComparison.Ordinal);
        Assert.Equal(single.Export, grouped.Export);
        Assert.Equal(single.Checksums, grouped.Checksums);
    }

    [Fact]
    public async Task The_barrier_should_hold_across_groups()
    {
        var sim = await Simulation.StartAsync(Sys, Options(settings: Grouped(3)));
        var probe = CreateTestProbe();
        foreach (var id in new[] { "f", "b", "d", "a", "e", "c" })
        {
            await sim.SpawnAsync(id, Props.Create(() => new Recorder(probe, Array.Empty<string>(), null)));
        }

        var run = sim.RunTicksAsync(3);
        var seen = new List<(string Kind, string Entity, long Tick)>();
        for (var i = 0; i < 18; i++)
        {
            seen.Add(await probe.ExpectMsgAsync<(string, string, long)>());
        }

        Assert.Equal(new RunCompleted(2, 3), await run);
        for (var tick = 0; tick < 3; tick++)
        {
            var round = seen.Skip(tick * 6).Take(6).ToList();
            Assert.All(round, s => Assert.Equal(tick, s.Tick));
            Assert.Equal(["a", "b", "c", "d", "e", "f"], round.Select(s => s.Entity).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Silent_entities_in_different_groups_should_be_named_in_entity_id_order()
    {
        var sim = await Simulation.StartAsync(Sys, Options(settings: Grouped(4, TimeSpan.FromMilliseconds(300))));
        await sim.SpawnAsync("d-sleepy", Props.Create(() => new Misbehaving("hang")));
        await sim.SpawnAsync("a-sleepy", Props.Create(() => new Misbehaving("hang")));
        await sim.SpawnAsync("b-awake", Props.Create(() => new Counter()));
        await sim.SpawnAsync("c-awake", Props.Create(() => new Counter()));

        var error = await Assert.ThrowsAsync<SimulationException>(() => sim.RunTicksAsync(2));

        Assert.Contains("tick 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("from entity a-sleepy, d-sleepy.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("awake", error.Message, StringComparison.Ordinal);
        Assert.Empty((await sim.GetLogAsync()).Events);
    }

    [Fact]
    public async Task An_entity_that_stops_mid_tick_should_release_its_group_and_leave_the_population()
    {
        // The timeout is far beyond the test's wait: only the stop notification can finish tick 1.
        var sim = await Simulation.StartAsync(Sys, Options(settings: Grouped(4, TimeSpan.FromMinutes(5))));
        await sim.SpawnAsync("a", Props.Create(() => new Counter()));
        await sim.SpawnAsync("b", Props.Create(() => new Misbehaving("vanish")));
        await sim.SpawnAsync("c", Props.Create(() => new Counter()));

        var completed = await sim.RunTicksAsync(3).WaitAsync(TimeSpan.FromSeconds(20));
        var log = await sim.GetLogAsync();

        Assert.Equal(new RunCompleted(2, 3), completed);
        Assert.Equal(2, (await sim.GetStatusAsync()).EntityCount);
        // It stopped while tick 1 waited for it: its exit is journaled at the start of the next tick, as stopped.
        var despawned = Assert.Single(log.CreateQuery().GetEventsByType("entity.despawned"));
        Assert.Equal(2, despawned.Tick);
        Assert.Equal("b", despawned.Data["entity"]);
        Assert.Equal("stopped", despawned.Data["cause"]);
        Assert.Equal(2, log.GetEventsAtTick(2).Count(e => e.Type == "counter.incremented"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8)]
    public void The_partition_count_should_be_the_configured_groups_or_four_per_processor(int groups)
    {
        var settings = EventureSettings.Default with { Partitions = groups };

        Assert.Equal(groups == 0 ? 4 * Environment.ProcessorCount : groups, settings.PartitionCount);
    }

    [Theory]
    [InlineData("eventure.tick.groups = -1", "tick.groups=-1")]
    [InlineData("eventure.tick.min-group-size = 0", "tick.min-group-size=0")]
    public void Invalid_group_settings_should_be_rejected_naming_the_key(string hocon, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => EventureSettings.Create(ConfigurationFactory.ParseString(hocon)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static Task<(string Export, long[] Checksums)> RunTraders(EventureSettings settings) =>
        RecordAsync(Options(settings: settings), async sim =>
        {
            for (var i = 0; i < 40; i++)
            {
                await sim.SpawnAsync($"trader-{i:D2}", Props.Create(() => new Trader()), "trader");
            }

            await sim.RunTicksAsync(5);

            // Population changes re-slice the groups between ticks.
            await sim.DespawnAsync("trader-07");
            await sim.DespawnAsync("trader-31");
            await sim.SpawnAsync("trader-05b", Props.Create(() => new Trader()), "trader");
            await sim.SpawnAsync("trader-99", Props.Create(() => new Trader()), "trader");
            await sim.RunTicksAsync(5);
        });
}
