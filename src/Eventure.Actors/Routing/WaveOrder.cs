namespace Eventure.Actors.Routing;

/// <summary>The pure ordering rule of the bus: reactions sorted into the next wave.</summary>
internal static class WaveOrder
{
    /// <summary>
    /// Sorts <paramref name="reactions"/> by (parent position, subscriber rank, emit index). Publishes for the
    /// current tick form the returned next wave; publishes scheduled into later ticks are appended to
    /// <paramref name="scheduled"/> in the same order.
    /// </summary>
    public static List<PendingEvent> Sort(List<Reaction> reactions, List<PendingEvent> scheduled)
    {
        reactions.Sort(static (a, b) =>
            a.ParentIndex != b.ParentIndex ? a.ParentIndex.CompareTo(b.ParentIndex)
            : a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank)
            : a.EmitIndex.CompareTo(b.EmitIndex));
        var next = new List<PendingEvent>(reactions.Count);
        foreach (var reaction in reactions)
        {
            if (reaction.Event.Emission.AtTick is null)
            {
                next.Add(reaction.Event);
            }
            else
            {
                scheduled.Add(reaction.Event);
            }
        }

        return next;
    }
}
