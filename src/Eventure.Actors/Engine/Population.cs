using System.Collections.Immutable;

namespace Eventure.Actors.Engine;

/// <summary>
/// The live entities of a simulation, in entity-id order, each placed in one of a fixed number of partitions by a
/// stable hash of its id, so placement never depends on spawn order, timing or the process.
/// </summary>
internal sealed class Population
{
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);
    private readonly Partition[] _partitions;
    private Member[]? _ordered;

    /// <summary>Creates an empty population over <paramref name="partitions"/> partitions.</summary>
    public Population(int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        _partitions = [.. Enumerable.Range(0, partitions).Select(_ => new Partition())];
    }

    /// <summary>How many partitions there are.</summary>
    public int PartitionCount => _partitions.Length;

    /// <summary>How many entities are live.</summary>
    public int Count => _members.Count;

    /// <summary>The live entities in entity-id order.</summary>
    public Member[] Ordered => _ordered ??= [.. _members.Values.OrderBy(m => m.Id, StringComparer.Ordinal)];

    /// <summary>The partition of <paramref name="entityId"/> among <paramref name="partitions"/>: stable across processes.</summary>
    public static int PartitionOf(string entityId, int partitions) =>
        (int)(StableSeed.Mix(StableSeed.Start, entityId) % (ulong)partitions);

    /// <summary>Whether <paramref name="entityId"/> is live.</summary>
    public bool Contains(string entityId) => _members.ContainsKey(entityId);

    /// <summary>The live entity <paramref name="entityId"/>, if any.</summary>
    public Member? Find(string entityId) => _members.GetValueOrDefault(entityId);

    /// <summary>Adds an entity; returns it.</summary>
    /// <exception cref="ArgumentException">An entity with that id is live.</exception>
    public Member Add(string entityId, string kind)
    {
        var member = new Member(entityId, kind, PartitionOf(entityId, _partitions.Length));
        _members.Add(entityId, member);
        Changed(member.Partition);
        return member;
    }

    /// <summary>Removes an entity; returns it, or <see langword="null"/> when it was not live.</summary>
    public Member? Remove(string entityId)
    {
        if (!_members.Remove(entityId, out var member))
        {
            return null;
        }

        Changed(member.Partition);
        return member;
    }

    /// <summary>The ids of partition <paramref name="partition"/>'s entities in id order (one instance until it changes).</summary>
    public ImmutableArray<string> IdsOf(int partition) => Ensure(partition).Ids;

    /// <summary>The <see cref="Digest"/> of <see cref="IdsOf"/> (computed once until the partition changes).</summary>
    public long IdsDigestOf(int partition) => Ensure(partition).Digest;

    /// <summary>
    /// A digest of a partition's ids in order (each id's length and code units, then the count): a partition that holds
    /// exactly the ids the coordinator expects can leave them out of its answer (<see cref="PartitionTicked"/>).
    /// </summary>
    public static long Digest(ImmutableArray<string> ids)
    {
        var hash = StableSeed.Start;
        foreach (var id in ids)
        {
            hash = StableSeed.Mix(StableSeed.Mix(hash, (ulong)id.Length), id);
        }

        return (long)StableSeed.Mix(hash, (ulong)ids.Length);
    }

    /// <summary>Partition <paramref name="partition"/>'s entities in id order.</summary>
    public Member[] MembersOf(int partition) => Ensure(partition).Members!;

    /// <summary>
    /// The members matching <paramref name="ids"/> (a partition's report of its entities in id order), or
    /// <see langword="null"/> when the partition holds a different set than the engine.
    /// </summary>
    public Member[]? Match(int partition, ImmutableArray<string> ids)
    {
        var known = Ensure(partition);
        if (ids == known.Ids || ids.AsSpan().SequenceEqual(known.Ids.AsSpan()))
        {
            return known.Members!;
        }

        return null;
    }

    private Partition Ensure(int partition)
    {
        var entry = _partitions[partition];
        if (entry.Members is null)
        {
            entry.Members = [.. Ordered.Where(m => m.Partition == partition)];
            entry.Ids = [.. entry.Members.Select(m => m.Id)];
            entry.Digest = Digest(entry.Ids);
        }

        return entry;
    }

    private void Changed(int partition)
    {
        _ordered = null;
        _partitions[partition].Members = null;
    }

    private sealed class Partition
    {
        public Member[]? Members { get; set; }

        public ImmutableArray<string> Ids { get; set; } = [];

        public long Digest { get; set; }
    }
}
