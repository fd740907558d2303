using Akka.Actor;
using Akka.Coordination;
using Akka.Event;
using Eventure.Actors.Persistence;

namespace Eventure.Actors;

/// <summary>
/// The lease that makes one process at a time the writer of a simulation's journal: an Akka.Coordination
/// <see cref="Lease"/> named after the simulation's persistence id (<c>eventure-{id}</c>), from the section
/// <c>eventure.writer.lease</c> names. <see cref="Simulation.StartAsync"/> takes it before the log actor exists and
/// gives it back when the simulation stops; write your own <see cref="EventLogActor"/> under one too.
/// </summary>
/// <remarks>
/// A process that finds the lease held refuses at once with a <see cref="SimulationException"/> naming the journal and
/// the simulation. The holder renews the lease while it runs (heartbeats), releases it on stop and when its actor
/// system shuts down; if the holder dies, the lease expires after its time to live and another process (for example
/// a cluster singleton on a surviving node) can take over.
/// </remarks>
/// <example>
/// <code>
/// await using var lease = await SimulationWriterLease.AcquireAsync(system, "town");   // null when no lease is configured
/// var log = system.ActorOf(EventLogActor.Props("town"));
/// </code>
/// </example>
public sealed class SimulationWriterLease : IAsyncDisposable
{
    private readonly Lease _lease;
    private readonly EventureExtension _eventure;
    private readonly ILoggingAdapter _log;
    private readonly Lock _gate = new();
    private Task? _release;
    private IActorRef? _coordinator;
    private string? _lost;

    private SimulationWriterLease(Lease lease, EventureExtension eventure, ILoggingAdapter log, string simulationId)
    {
        _lease = lease;
        _eventure = eventure;
        _log = log;
        SimulationId = simulationId;
    }

    /// <summary>The simulation whose writer this lease makes the caller.</summary>
    public string SimulationId { get; }

    /// <summary>Whether the lease is still held (not released, not lost, renewed in time).</summary>
    public bool IsHeld
    {
        get
        {
            lock (_gate)
            {
                return _release is null && _lost is null && _lease.CheckLease();
            }
        }
    }

    /// <summary>
    /// Takes the writer lease of <paramref name="simulationId"/> in <paramref name="system"/>'s journal; null when the
    /// system configures none (<c>eventure.writer.lease = off</c>, or <c>auto</c> on a journal without one, such as
    /// the in-memory journal).
    /// </summary>
    /// <exception cref="SimulationException">Another live process holds it, or the lease store cannot be reached;
    /// the message names the journal and the simulation.</exception>
    public static async Task<SimulationWriterLease?> AcquireAsync(ActorSystem system, string simulationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentException.ThrowIfNullOrEmpty(simulationId);
        var eventure = EventureExtension.Get(system);
        if (eventure.WriterLeasePath is not { } path)
        {
            return null;
        }

        var journal = eventure.JournalDescription;
        Lease lease;
        try
        {
            lease = LeaseProvider.Get(system).GetLease(EventLogActor.PersistenceIdOf(simulationId), path, eventure.OwnerName);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new SimulationException($"simulation '{simulationId}' in {journal}: the writer lease ({path}) cannot be created: {Innermost(ex).Message}", ex);
        }

        var holder = new SimulationWriterLease(lease, eventure, system.Log, simulationId);
        bool acquired;
        try
        {
            acquired = await lease.Acquire(holder.OnLost).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new SimulationException($"simulation '{simulationId}' in {journal}: the writer lease could not be taken: {Innermost(ex).Message}", ex);
        }

        if (!acquired)
        {
            throw new SimulationException(
                $"simulation '{simulationId}' in {journal} is being written by another process; this one stopped before running any tick and wrote nothing.");
        }

        eventure.Track(holder);
        return holder;
    }

    /// <summary>Gives the lease back (once; later calls wait for the same release).</summary>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _release ??= ReleaseAsync();
            return new ValueTask(_release);
        }
    }

    /// <summary>
    /// Ties the lease to a simulation's coordinator: when the coordinator stops, the lease is released; if the lease is
    /// lost (another process took it over after it expired), the coordinator fails so no further tick is stored.
    /// </summary>
    internal void Guard(ActorSystem system, IActorRef coordinator)
    {
        string? lost;
        lock (_gate)
        {
            _coordinator = coordinator;
            lost = _lost;
        }

        system.ActorOf(Props.Create(() => new WriterLeaseGuard(this, coordinator)).WithDeploy(Deploy.Local));
        if (lost is not null)
        {
            coordinator.Tell(new LogFailed(lost));
        }
    }

    private void OnLost(Exception? cause)
    {
        IActorRef? coordinator;
        var reason = $"the writer lease of simulation '{SimulationId}' in {_eventure.JournalDescription} was lost"
            + (cause is null ? string.Empty : $" ({Innermost(cause).Message})") + "; no further tick is stored";
        lock (_gate)
        {
            if (_release is not null)
            {
                return;
            }

            _lost = reason;
            coordinator = _coordinator;
        }

        _log.Error("Simulation {0}: {1}", SimulationId, reason);
        coordinator?.Tell(new LogFailed(reason));
    }

    private async Task ReleaseAsync()
    {
        _eventure.Forget(this);
        try
        {
            await _lease.Release();
        }
        catch (Exception ex)
        {
            // The lease expires by itself; a failed release only delays the next writer by its time to live.
            _log.Warning("Simulation {0}: releasing the writer lease failed ({1}); it expires by itself", SimulationId, Innermost(ex).Message);
        }
    }

    private static Exception Innermost(Exception ex) => ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? Innermost(aggregate.InnerExceptions[0]) : ex;

    /// <summary>The guard's note to itself that the release finished.</summary>
    private sealed record Released : IEventureMessage
    {
        public static Released Instance { get; } = new();
    }

    /// <summary>Watches a coordinator and releases the lease when it stops.</summary>
    private sealed class WriterLeaseGuard : ReceiveActor
    {
        public WriterLeaseGuard(SimulationWriterLease lease, IActorRef coordinator)
        {
            Context.Watch(coordinator);
            Receive<Terminated>(terminated =>
            {
                lease.DisposeAsync().AsTask().PipeTo(Self, success: () => Released.Instance, failure: _ => Released.Instance);
            });
            Receive<Released>(released => Context.Stop(Self));
        }
    }
}
