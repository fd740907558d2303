using System.Collections.Immutable;
using Akka.Actor;

namespace Eventure.Actors;

/// <summary>Going back to a stored tick boundary after a tick was aborted (a cluster lost another partition).</summary>
internal sealed partial class PartitionActor
{
    private (IActorRef ReplyTo, long LastStoredTick)? _rewind;

    /// <summary>
    /// Rewinds once nothing is in flight: the step being answered finishes first (its answer carries the old epoch and is
    /// dropped), so no entity answer of the aborted tick can arrive later and be taken for one of its rerun. Entities that
    /// applied own events after the last stored tick are stopped (their state is no longer the tick's start state); the
    /// others are kept, and re-derive their random stream when the tick runs again (<see cref="Tick"/> resets it).
    /// </summary>
    private void RewindIfQuiet()
    {
        if (_open || _rewind is not { } rewind)
        {
            return;
        }

        _rewind = null;
        var stale = _children.Values.Where(c => c.Unstored.Exists(e => e.Tick > rewind.LastStoredTick)).Select(c => c.Id).ToImmutableArray();
        Remove(stale);
        foreach (var child in _children.Values)
        {
            child.Unstored.Clear();
            child.Job = null;
        }

        rewind.ReplyTo.Tell(new PartitionRewound(_index, [.. Ordered.Select(c => c.Id)]), Self);
    }
}
