using System.Collections.Immutable;

namespace Eventure.Actors.Engine;

/// <summary>
/// What one entity answered for its work in a tick: its <c>Tick</c> (one unit of work) or its batch of deliveries in
/// one wave (one unit per delivery, in batch order). A partition merges the answers of an entity that restarted
/// midway, so the engine always sees one answer covering every unit.
/// </summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Checksum">Its state checksum after the work.</param>
/// <param name="Emissions">Everything it published, unit after unit, each in emit order.</param>
/// <param name="Ends">For unit <c>u</c>, the exclusive end of its emissions in <paramref name="Emissions"/>;
/// empty when nothing was published.</param>
/// <param name="Subscriptions">Subscription changes with the unit that made them, in order.</param>
/// <param name="Faults">Units whose handler threw, ascending (their emissions are empty).</param>
/// <param name="DespawnAfter">The unit after which the entity despawned itself, or -1.</param>
internal sealed record EntityAnswer(
    string EntityId,
    long Checksum,
    ImmutableArray<Emission> Emissions,
    ImmutableArray<int> Ends,
    ImmutableArray<UnitChange> Subscriptions,
    ImmutableArray<UnitFault> Faults,
    int DespawnAfter = -1)
{
    /// <summary>An answer with nothing to report but the state checksum.</summary>
    public static EntityAnswer Quiet(string entityId, long checksum) => new(entityId, checksum, [], [], [], [], -1);

    /// <summary>Whether the answer carries anything but the checksum.</summary>
    public bool HasWork => !Emissions.IsDefaultOrEmpty || !Subscriptions.IsDefaultOrEmpty || !Faults.IsDefaultOrEmpty || DespawnAfter >= 0;

    /// <summary>What unit <paramref name="unit"/> published.</summary>
    public ReadOnlySpan<Emission> EmissionsOf(int unit)
    {
        if (Ends.IsDefaultOrEmpty || unit >= Ends.Length)
        {
            return [];
        }

        var start = unit == 0 ? 0 : Ends[unit - 1];
        return Emissions.AsSpan()[start..Ends[unit]];
    }

    /// <summary>The fault of unit <paramref name="unit"/>, if its handler threw.</summary>
    public EntityFault? FaultOf(int unit)
    {
        if (Faults.IsDefaultOrEmpty)
        {
            return null;
        }

        foreach (var fault in Faults)
        {
            if (fault.Unit == unit)
            {
                return fault.Fault;
            }
        }

        return null;
    }
}

/// <summary>A subscription change and the unit of work that made it.</summary>
/// <param name="Unit">The unit (0 for a Tick).</param>
/// <param name="Change">The change.</param>
internal readonly record struct UnitChange(int Unit, SubscriptionChange Change);

/// <summary>A fault and the unit of work whose handler threw.</summary>
/// <param name="Unit">The unit (0 for a Tick).</param>
/// <param name="Fault">The fault.</param>
internal readonly record struct UnitFault(int Unit, EntityFault Fault);
