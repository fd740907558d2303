using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Eventure.Actors;

namespace Eventure.Cluster;

/// <summary>
/// A simulation's coordinator, bus and log as one cluster singleton: the single writer of its journal. It first takes
/// the simulation's writer lease (a new singleton after a node was lost waits until the old holder's lease expires),
/// then starts the coordinator, which recovers from the journal and continues; until then messages wait.
/// </summary>
internal sealed class SimulationSingleton : UntypedActor, IWithUnboundedStash, IWithTimers
{
    private readonly SimulationOptions _options;
    private readonly EventureSettings _settings;
    private readonly TimeSpan _leaseRetry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef _coordinator = ActorRefs.Nobody;
    private SimulationWriterLease? _lease;
    private bool _stopping;

    /// <summary>Creates the singleton; use <see cref="Props"/>.</summary>
    public SimulationSingleton(SimulationOptions options, EventureSettings settings, TimeSpan leaseRetry)
    {
        (_options, _settings, _leaseRetry) = (options, settings, leaseRetry);
    }

    /// <inheritdoc />
    public IStash Stash { get; set; } = null!;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of the singleton of the simulation <paramref name="options"/> describe.</summary>
    public static Props Props(SimulationOptions options, EventureSettings settings, TimeSpan leaseRetry) =>
        Akka.Actor.Props.Create(() => new SimulationSingleton(options, settings, leaseRetry));

    /// <inheritdoc />
    protected override void PreStart() => TakeLease();

    /// <inheritdoc />
    protected override void PostStop() => _lease?.DisposeAsync().AsTask().ContinueWith(_ => { }, TaskScheduler.Default);

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case LeaseTaken taken when !_stopping:
                _lease = taken.Lease;
                _coordinator = Context.ActorOf(TickCoordinator.Props(_options, _settings), "tick");
                Context.Watch(_coordinator);
                _lease?.Guard(Context.System, _coordinator);
                Stash.UnstashAll();
                break;
            case LeaseTaken taken:
                taken.Lease?.DisposeAsync().AsTask().PipeTo(Self);
                break;
            case LeaseRefused refused:
                _log.Warning("Simulation {0}: {1}; trying again in {2}", _options.Id, refused.Reason, _leaseRetry);
                Timers.StartSingleTimer("lease", TryLease.Instance, _leaseRetry);
                break;
            case TryLease:
                TakeLease();
                break;
            case StopSingleton:
                _stopping = true;
                Context.Stop(Self);
                break;
            case Terminated terminated when terminated.ActorRef.Equals(_coordinator):
                Context.Stop(Self);
                break;
            case SpawnByKind spawn:
                Forward(ToSpawn(spawn));
                break;
            default:
                Forward(message);
                break;
        }
    }

    private void Forward(object message)
    {
        if (_coordinator.IsNobody())
        {
            Stash.Stash();
            return;
        }

        _coordinator.Forward(message);
    }

    /// <summary>A spawn by kind as the coordinator takes it, with props from this node's registry (checked by the client).</summary>
    private object ToSpawn(SpawnByKind spawn)
    {
        ImmutableArray<SpawnEntity> entities = [.. spawn.Entities.Select(e => new SpawnEntity(e.EntityId, e.Kind, _options.Entities.TryCreate(e.Kind, out var props) ? props : Akka.Actor.Props.Empty))];
        return spawn.Single ? entities[0] : new SpawnEntities(entities);
    }

    private void TakeLease()
    {
        if (!SimulationLog.IsPersistent(_options))
        {
            Self.Tell(new LeaseTaken(null));
            return;
        }

        SimulationWriterLease.AcquireAsync(Context.System, _options.Id).PipeTo(Self, success: lease => new LeaseTaken(lease), failure: ex => new LeaseRefused(ex.Message));
    }

    private sealed record LeaseTaken(SimulationWriterLease? Lease) : INoSerializationVerificationNeeded;

    private sealed record LeaseRefused(string Reason) : INoSerializationVerificationNeeded;

    private sealed record TryLease : INoSerializationVerificationNeeded
    {
        public static TryLease Instance { get; } = new();
    }
}
