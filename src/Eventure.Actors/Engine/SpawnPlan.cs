using System.Collections.Immutable;

namespace Eventure.Actors.Engine;

/// <summary>How one created entity started (a partition's answer for it).</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Subscriptions">What it subscribed to while starting, in order.</param>
/// <param name="Checksum">Its state checksum.</param>
/// <param name="Fault">Why it could not start, if it could not (it is stopped).</param>
internal sealed record CreatedEntity(string EntityId, ImmutableArray<SubscriptionChange> Subscriptions, long Checksum, EntityFault? Fault);

/// <summary>
/// A spawn, all or nothing: which partition creates which entities, how each started, and what joins the population
/// (in the order given, as if spawned one by one) once all have started.
/// </summary>
internal sealed class SpawnPlan
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly CreatedEntity?[] _results;
    private int _answered;

    /// <summary>Plans spawning <paramref name="entities"/> over <paramref name="partitions"/> partitions.</summary>
    public SpawnPlan(long batch, ImmutableArray<(string EntityId, string Kind)> entities, int partitions, bool recovery)
    {
        Batch = batch;
        Entities = entities;
        IsRecovery = recovery;
        _results = new CreatedEntity?[entities.Length];
        for (var i = 0; i < entities.Length; i++)
        {
            _index[entities[i].EntityId] = i;
        }

        ByPartition = [.. Enumerable.Range(0, entities.Length)
            .GroupBy(i => Population.PartitionOf(entities[i].EntityId, partitions))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.ToImmutableArray()))];
    }

    /// <summary>Which spawn this is (partitions echo it).</summary>
    public long Batch { get; }

    /// <summary>The entities, in the order they join.</summary>
    public ImmutableArray<(string EntityId, string Kind)> Entities { get; }

    /// <summary>Whether this rebuilds the population on resume (nothing is journaled).</summary>
    public bool IsRecovery { get; }

    /// <summary>The entities each partition creates (their positions in <see cref="Entities"/>).</summary>
    public ImmutableArray<(int Partition, ImmutableArray<int> Entities)> ByPartition { get; }

    /// <summary>Whether every entity has answered.</summary>
    public bool Complete => _answered == Entities.Length;

    /// <summary>Why the spawn fails (the first entity, in order, that could not start), or null.</summary>
    public string? Failure =>
        _results.Select((r, i) => (r, i)).Where(x => x.r?.Fault is not null)
            .Select(x => $"Entity '{Entities[x.i].EntityId}' failed to start: {x.r!.Fault!.ExceptionType}: {x.r.Fault.Message}")
            .FirstOrDefault();

    /// <summary>The entities that did start, by partition (stopped again when the spawn fails).</summary>
    public IEnumerable<(int Partition, ImmutableArray<string> EntityIds)> Started =>
        ByPartition.Select(p => (p.Partition, p.Entities.Where(i => _results[i]?.Fault is null).Select(i => Entities[i].EntityId).ToImmutableArray()))
            .Where(p => !p.Item2.IsEmpty);

    /// <summary>
    /// Why <paramref name="ids"/> cannot be spawned into <paramref name="population"/> (empty, live or repeated ids),
    /// or null when they can.
    /// </summary>
    public static string? Problem(IReadOnlyList<string> ids, Population population, bool single)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var problem = string.IsNullOrEmpty(id) ? "An entity id may not be empty"
                : population.Contains(id) ? $"An entity with id '{id}' is already live"
                : !seen.Add(id) ? $"The id '{id}' appears twice"
                : null;
            if (problem is not null)
            {
                return single ? $"{problem}." : $"{problem} (entity {i} of {ids.Count}); none was spawned.";
            }
        }

        return null;
    }

    /// <summary>Takes a partition's answers; true once every entity has answered.</summary>
    public bool Take(IEnumerable<CreatedEntity> created)
    {
        foreach (var entity in created)
        {
            if (_index.TryGetValue(entity.EntityId, out var i) && _results[i] is null)
            {
                _results[i] = entity;
                _answered++;
            }
        }

        return Complete;
    }

    /// <summary>
    /// Adds the started entities to <paramref name="engine"/>'s population in order (and, unless rebuilt on resume,
    /// queues their <c>entity.spawned</c>); returns what the router must register.
    /// </summary>
    public ImmutableArray<(string EntityId, string Kind, ImmutableArray<SubscriptionChange> Subscriptions)> Join(TickEngine engine, int seed)
    {
        var joined = ImmutableArray.CreateBuilder<(string, string, ImmutableArray<SubscriptionChange>)>(Entities.Length);
        for (var i = 0; i < Entities.Length; i++)
        {
            var (id, kind) = Entities[i];
            engine.Population.Add(id, kind);
            if (!IsRecovery)
            {
                engine.Enqueue(PendingEvent.Runtime(RuntimeEvents.Spawned(id, kind, seed)));
            }

            joined.Add((id, kind, _results[i]?.Subscriptions ?? []));
        }

        return joined.MoveToImmutable();
    }
}
