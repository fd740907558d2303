using System.Collections.Immutable;

namespace Eventure.Actors.Engine;

/// <summary>
/// What a simulation resumes from, read off its stored ticks: the next tick, the live population (in the order
/// it was spawned) and each entity's own events.
/// </summary>
/// <param name="NextTick">The tick that runs next.</param>
/// <param name="Live">The live entities with their kinds, in spawn order.</param>
/// <param name="Histories">Each live entity's own events, in log order.</param>
internal sealed record RecoveryPlan(long NextTick, ImmutableArray<(string EntityId, string Kind)> Live, IReadOnlyDictionary<string, ImmutableArray<Event>> Histories)
{
    /// <summary>The plan of a simulation whose stored ticks are <paramref name="ticks"/> (in order).</summary>
    public static RecoveryPlan From(IEnumerable<AppendTick> ticks)
    {
        var next = 0L;
        var live = new List<(string Id, string Kind)>();
        var histories = new Dictionary<string, ImmutableArray<Event>.Builder>(StringComparer.Ordinal);
        foreach (var tick in ticks)
        {
            next = tick.Tick + 1;
            for (var i = 0; i < tick.Events.Length; i++)
            {
                var e = tick.Events[i];
                var source = tick.Sources.IsDefaultOrEmpty ? null : tick.Sources[i];
                if (source is not null)
                {
                    if (!histories.TryGetValue(source, out var history))
                    {
                        histories[source] = history = ImmutableArray.CreateBuilder<Event>();
                    }

                    history.Add(e);
                }
                else if (e.Type == RuntimeEvents.SpawnedType && e.Data.TryGetValue("entity", out var spawned) && spawned is string spawnedId)
                {
                    live.Add((spawnedId, e.Data.TryGetValue("kind", out var kind) ? kind as string ?? string.Empty : string.Empty));
                }
                else if (e.Type == RuntimeEvents.DespawnedType && e.Data.TryGetValue("entity", out var despawned) && despawned is string despawnedId)
                {
                    live.RemoveAll(entry => entry.Id == despawnedId);
                }
            }
        }

        var liveIds = live.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        return new RecoveryPlan(
            next,
            [.. live],
            histories.Where(h => liveIds.Contains(h.Key)).ToDictionary(h => h.Key, h => h.Value.ToImmutable(), StringComparer.Ordinal));
    }
}
