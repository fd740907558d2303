namespace Eventure.Actors.Engine;

/// <summary>
/// One live entity as the engine sees it: who it is, where it lives, its last state checksum, and what it is
/// doing in the tick being run.
/// </summary>
internal sealed class Member(string id, string kind, int partition)
{
    /// <summary>The entity id.</summary>
    public string Id { get; } = id;

    /// <summary>Its registered kind (journaled in its runtime events).</summary>
    public string Kind { get; } = kind;

    /// <summary>The partition that hosts it (a stable hash of the id).</summary>
    public int Partition { get; } = partition;

    /// <summary>The state checksum it reported last.</summary>
    public long Checksum { get; set; }

    /// <summary>It despawned (itself, or after too many faults) in the tick being run: it leaves when the tick is stored.</summary>
    public bool Leaving { get; set; }

    /// <summary>How many faults it had in the tick being run.</summary>
    public int Faults { get; set; }

    /// <summary>Its own events of the current wave, with their ids, to apply before its deliveries.</summary>
    public List<Event>? Own { get; set; }

    /// <summary>The events delivered to it in the current wave, in dispatch order.</summary>
    public List<Event>? Deliveries { get; set; }

    /// <summary>Its answer for the current wave.</summary>
    public EntityAnswer? Answer { get; set; }

    /// <summary>From this delivery on, its results in the current wave are dropped (it was removed after too many faults).</summary>
    public int DiscardFrom { get; set; } = int.MaxValue;

    /// <summary>Clears what belongs to one wave.</summary>
    public void EndWave()
    {
        Own?.Clear();
        Deliveries?.Clear();
        Answer = null;
        DiscardFrom = int.MaxValue;
    }

    /// <inheritdoc />
    public override string ToString() => Id;
}
