using Akka.Actor;
using Eventure.Actors.Engine;

namespace Eventure.Actors;

/// <summary>
/// The coordinator's hands for a lost partition (a cluster node went down): the epoch every tick carries, and the way
/// back to a stored tick boundary. A tick still running is abandoned at once (the engine and the bus keep nothing of
/// it, and its answers, of the earlier epoch, are dropped); completed ticks still being stored are stored first; then
/// whoever reported the loss is told to rebuild the partitions from the journal, and the abandoned tick runs again in
/// the new epoch. On one node nothing is ever lost and the epoch stays 0.
/// </summary>
/// <param name="engine">The coordinator's engine.</param>
/// <param name="bus">The bus.</param>
internal sealed class PartitionLoss(TickEngine engine, IActorRef bus)
{
    private (long Epoch, IActorRef Reporter)? _lost;
    private bool _abandoned;

    /// <summary>The epoch of the ticks being run.</summary>
    public long Epoch { get; private set; }

    /// <summary>Whether a lost partition waits to be rebuilt (no tick may begin meanwhile).</summary>
    public bool Pending => _lost is not null;

    /// <summary>
    /// Takes a loss report (ignored when the simulation has stopped anyway): abandons the running tick, and answers the
    /// report unless ticks are being stored; true when the abandoned tick must begin again now.
    /// </summary>
    public bool Lost(PartitionsLost lost, IActorRef reporter, bool stopped, bool storing)
    {
        if (stopped)
        {
            _lost = null;
            return false;
        }

        (_lost, Epoch) = ((lost.Epoch, reporter), Math.Max(Epoch, lost.Epoch));
        if (engine.Running)
        {
            engine.Abort();
            bus.Tell(AbortRouting.Instance);
            _abandoned = true;
        }

        return RebuildWhenStored(storing);
    }

    /// <summary>
    /// Once no tick is being stored: tells the reporter to rebuild from the last stored tick; true when a tick was
    /// abandoned and must begin again.
    /// </summary>
    public bool RebuildWhenStored(bool storing)
    {
        if (_lost is not { } lost || storing)
        {
            return false;
        }

        _lost = null;
        lost.Reporter.Tell(new RebuildPartitions(lost.Epoch, engine.NextTick - 1));
        var rerun = _abandoned;
        _abandoned = false;
        return rerun;
    }
}
