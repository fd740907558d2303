using Akka.Actor;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

/// <summary>
/// The coordinator's hands for a lost partition (a cluster node went down): the epoch every tick carries, and the way
/// back to a stored tick boundary. The tick being stored is stored first; a tick still running is abandoned (the engine
/// and the bus keep nothing of it); then whoever reported the loss is told to rebuild the partitions from the journal,
/// and the abandoned tick runs again in the new epoch. Answers of an earlier epoch are dropped. On one node nothing
/// is ever lost and the epoch stays 0.
/// </summary>
/// <param name="engine">The coordinator's engine.</param>
/// <param name="bus">The bus.</param>
internal sealed class PartitionLoss(TickEngine engine, IActorRef bus)
{
    private (long Epoch, IActorRef Reporter)? _lost;

    /// <summary>The epoch of the ticks being run.</summary>
    public long Epoch { get; private set; }

    /// <summary>
    /// Takes a loss report (ignored when the simulation has stopped anyway) and answers it unless a tick is being stored;
    /// true when the running tick was abandoned and must begin again.
    /// </summary>
    public bool Lost(PartitionsLost lost, IActorRef reporter, bool stopped, bool storing)
    {
        _lost = stopped ? null : (lost.Epoch, reporter);
        return RebuildWhenStored(storing);
    }

    /// <summary>
    /// Once no tick is being stored: moves to the reported epoch, tells the reporter to rebuild, and abandons the running
    /// tick; true when a tick was abandoned and must begin again.
    /// </summary>
    public bool RebuildWhenStored(bool storing)
    {
        if (_lost is not { } lost || storing)
        {
            return false;
        }

        (_lost, Epoch) = (null, lost.Epoch);
        lost.Reporter.Tell(new RebuildPartitions(lost.Epoch, engine.NextTick - 1));
        if (!engine.Running)
        {
            return false;
        }

        engine.Abort();
        bus.Tell(AbortRouting.Instance);
        return true;
    }
}
