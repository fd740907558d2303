using System.Text.Json;
using Akka.Actor;
using Eventure.Cluster.Tests.TestEntities;
using Eventure.TestSupport;

namespace Eventure.Cluster.Tests;

/// <summary>
/// Cross-node traffic is batched by partition: per tick at most one Tick and one answer per partition, and per wave one
/// batch and one answer per partition, so at most 2·P·(1+W) + a constant Eventure messages cross nodes for W waves, however
/// many entities there are. Counted by the wire serializer, which writes only what leaves a node.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class MessageCountSpec
{
    private const int Partitions = 8;

    [Fact]
    public async Task Messages_crossing_nodes_per_tick_should_stay_within_two_per_partition_per_step()
    {
        using var folder = new TempFolder();
        var database = folder.File("count.db");
        long sent;
        const int Ticks = 10;
        await using (var nodes = await ClusterNodes.StartAsync(3, database))
        {
            var sims = await nodes.StartSimulationAsync(ClusterScenario.Options);
            await ClusterScenario.SpawnAsync(sims[0]);
            await sims[0].RunTicksAsync(1);
            var before = nodes.Systems.Sum(s => EventureCluster.Get(s).Wire.Messages);
            await sims[0].RunTicksAsync(Ticks);
            sent = nodes.Systems.Sum(s => EventureCluster.Get(s).Wire.Messages) - before;

            // Props cannot travel: a spawn whose props its kind's registration would not recreate is refused, clearly.
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => sims[1].SpawnAsync("odd-tally", Props.Create<Tally>(5L), "tally"));
            Assert.Contains("props cannot travel", refused.Message, StringComparison.Ordinal);
            Assert.Contains("register kind 'tally'", refused.Message, StringComparison.Ordinal);
        }

        var waves = WavesPerTick(await ClusterScenario.ExportAsync(database));
        // 2·P·(1+W) per tick, plus a constant: two per tick covers a removal of entities that left and its like.
        var bound = Enumerable.Range(1, Ticks).Sum(t => (2 * Partitions * (1 + waves.GetValueOrDefault(t))) + 2);

        // Something crossed nodes every tick (the partitions live on three nodes), and never more than the bound.
        Assert.InRange(sent, Ticks, bound);
    }

    /// <summary>How many waves each tick took, from the export: an event is one wave after its parent when both are in the same tick.</summary>
    private static SortedDictionary<long, int> WavesPerTick(string export)
    {
        var depth = new Dictionary<string, (long Tick, int Depth)>(StringComparer.Ordinal);
        var waves = new SortedDictionary<long, int>();
        foreach (var line in export.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (!root.TryGetProperty("event_id", out var idElement))
            {
                continue;
            }

            var tick = root.GetProperty("tick").GetInt64();
            var parent = root.TryGetProperty("parent_id", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            var d = parent is not null && depth.TryGetValue(parent, out var of) && of.Tick == tick ? of.Depth + 1 : 0;
            depth[idElement.GetString()!] = (tick, d);
            waves[tick] = Math.Max(waves.GetValueOrDefault(tick), d + 1);
        }

        return waves;
    }
}
