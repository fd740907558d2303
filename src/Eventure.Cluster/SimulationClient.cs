using System.Collections.Immutable;
using Akka.Actor;
using Eventure.Actors;

namespace Eventure.Cluster;

/// <summary>
/// A node's way to a clustered simulation: the actor the <see cref="Simulation"/> facade talks to, in place of a local
/// coordinator. It passes everything to the singleton (through its proxy), sends spawns by kind (clear error for props
/// the registry cannot recreate), and keeps a run going across a move of the singleton: a run becomes "until tick T",
/// asked again of the new singleton (which recovered from the journal) when the old one's node is lost.
/// </summary>
/// <remarks>Other requests in flight when the singleton's node is lost are not repeated (a spawn may already be
/// journaled): their callers time out and can check the status.</remarks>
internal sealed class SimulationClient : UntypedActor, IWithTimers
{
    private const string FindTimer = "find";
    private static readonly TimeSpan FindRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CollectTimeout = TimeSpan.FromMinutes(5);

    private readonly IActorRef _proxy;
    private readonly EntityRegistry _registry;
    private readonly HashSet<IActorRef> _watchers = [];
    private IActorRef _coordinator = ActorRefs.Nobody;
    private Run? _run;
    private bool _awaitingStatus;

    /// <summary>Creates the client; use <see cref="Props"/>.</summary>
    public SimulationClient(IActorRef proxy, EntityRegistry registry) => (_proxy, _registry) = (proxy, registry);

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a client of the singleton behind <paramref name="proxy"/>.</summary>
    public static Props Props(IActorRef proxy, EntityRegistry registry) => Akka.Actor.Props.Create(() => new SimulationClient(proxy, registry));

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case SpawnEntity or SpawnEntities:
                Spawn(message);
                break;
            case RunTicks or RunUntilTick when _run is not null:
                Sender.Tell(new Status.Failure(new SimulationException("A run is already in progress; wait for it to complete.")));
                break;
            case RunTicks run:
                _run = new Run(Sender, run.Count, null, null);
                AskStatus();
                break;
            case RunUntilTick until:
                _run = new Run(Sender, null, until.Tick, null);
                AskStatus();
                break;
            case FindCoordinator when _awaitingStatus:
                _proxy.Tell(GetSimulationStatus.Instance, Self);
                break;
            case SimulationStatus status when _run is { } run && _awaitingStatus:
                _awaitingStatus = false;
                Timers.Cancel(FindTimer);
                Watch(Sender);
                _run = run with { Start = run.Start ?? status.NextTick, Target = run.Target ?? (status.NextTick + run.Count!.Value - 1) };
                _proxy.Tell(new RunUntilTick(_run.Target!.Value), Self);
                break;
            case SimulationStatus or FindCoordinator:
                break; // a second answer to a repeated request, or a retry no longer needed
            case RunCompleted completed when _run is { } run:
                _run = null;
                run.ReplyTo.Tell(new RunCompleted(completed.LastTick, Math.Max(0, completed.LastTick - run.Start!.Value + 1)));
                break;
            case Status.Failure failure when _run is { } run && Sender.Equals(_coordinator):
                _run = null;
                run.ReplyTo.Tell(failure);
                break;
            case GetEventLog or GetEventLogAtTick or GetStoredTicks:
                // Answers that grow with the run cross nodes in parts: a child puts them together.
                Context.ActorOf(ReplyCollector.Props(_proxy, message, Sender, CollectTimeout));
                break;
            case WatchTicks watch:
                _watchers.Add(watch.Watcher);
                _proxy.Forward(message);
                break;
            case Terminated terminated when terminated.ActorRef.Equals(_coordinator):
                // The singleton's node was lost: the next singleton recovers from the journal; a run goes on there.
                _coordinator = ActorRefs.Nobody;
                _watchers.ForEach(w => _proxy.Tell(new WatchTicks(w), Self));
                if (_run is not null)
                {
                    // Asked again until answered: the proxy may still send the first request to the lost singleton.
                    AskStatus();
                    Timers.StartPeriodicTimer(FindTimer, FindCoordinator.Instance, FindRetry);
                }

                break;
            default:
                _proxy.Forward(message);
                break;
        }
    }

    private void AskStatus()
    {
        _awaitingStatus = true;
        _proxy.Tell(GetSimulationStatus.Instance, Self);
    }

    private void Watch(IActorRef coordinator)
    {
        if (!coordinator.Equals(_coordinator))
        {
            _coordinator = coordinator;
            Context.Watch(coordinator);
        }
    }

    /// <summary>Passes a spawn on by kind; refuses props that the kind's registration would not create on every node.</summary>
    private void Spawn(object message)
    {
        var single = message is SpawnEntity;
        ImmutableArray<SpawnEntity> spawns = message is SpawnEntity one ? [one] : ((SpawnEntities)message).Entities;
        foreach (var spawn in spawns)
        {
            // Registered explicitly, or a type's name with a parameterless constructor: every node creates the same actor.
            var portable = _registry.KindOf(spawn.Props.Type) == spawn.Kind || spawn.Props.Arguments.Length == 0;
            if (!portable || !_registry.TryCreate(spawn.Kind, out var props) || props.Type != spawn.Props.Type || !props.Arguments.SequenceEqual(spawn.Props.Arguments))
            {
                Sender.Tell(new Status.Failure(new ArgumentException(
                    $"entity '{spawn.EntityId}': in a cluster, entities are created on the node that hosts their partition, from their registered kind " +
                    $"(props cannot travel); register kind '{spawn.Kind}' in SimulationOptions.Entities on every node and spawn with SpawnAsync(id, kind).", nameof(message))));
                return;
            }
        }

        _proxy.Forward(new SpawnByKind([.. spawns.Select(s => (s.EntityId, s.Kind))], single));
    }

    private sealed record FindCoordinator : INoSerializationVerificationNeeded
    {
        public static FindCoordinator Instance { get; } = new();
    }

    /// <summary>A run in progress: who asked, how many ticks or until which tick, and where it started.</summary>
    private sealed record Run(IActorRef ReplyTo, long? Count, long? Target, long? Start);
}
