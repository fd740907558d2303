using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;

namespace Eventure.Actors;

/// <summary>
/// Owns a simulation's tick clock: a barrier per tick, then routing through the <see cref="BusActor"/>, then
/// storage through the log actor, and only then the next tick.
/// </summary>
/// <remarks>
/// Tick n: <see cref="Tick"/> goes to every live entity, in entity-id order within each <see cref="TickGroup"/> (a
/// contiguous slice of the population; slices work in parallel); once every entity has answered,
/// wave 0 (runtime events, external input, publishes scheduled for n, then what entities emitted, ordered by
/// entity id and emit index) goes to the bus; when the bus reports the tick quiescent, the tick is appended to
/// the log with its checksum, entities that despawned themselves during the tick are stopped,
/// <see cref="TickCompleted"/> is published, and n+1 may start. Spawns, despawns and
/// runs wait for the current tick to finish. A silent entity fails the tick after <c>eventure.tick.timeout</c>
/// with an error naming it; a failed tick stops the simulation (nothing of it is stored).
/// </remarks>
public sealed partial class TickCoordinator : UntypedActor, IWithTimers
{
    private const string RealtimeTimer = "realtime";

    private readonly SimulationOptions _options;
    private readonly EventureSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, EntityRecord> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _groups = [];
    private readonly Dictionary<IActorRef, string> _entityIds = [];
    private readonly Dictionary<string, List<Event>> _history = new(StringComparer.Ordinal);
    private readonly List<PendingEvent> _inputs = [];
    private readonly SortedDictionary<long, List<PendingEvent>> _scheduled = [];
    private readonly HashSet<IActorRef> _watchers = [];
    private readonly Queue<(object Command, IActorRef Sender)> _deferred = [];

    private IActorRef _bus = ActorRefs.Nobody;
    private IActorRef _logActor = ActorRefs.Nobody;
    private Phase _phase = Phase.Recovering;
    private long _nextTick;
    private long _remaining;
    private long _ranInRun;
    private IActorRef? _runRequester;
    private bool _paused;
    private long? _realtimeUntil;
    private string? _failure;
    private int _spawnCounter;
    private SpawnBatch? _batch;
    private TickRouted? _routed;
    private EntityRecord[] _ordered = [];
    private bool _orderDirty;
    // Per slot for the current tick, filled in from the groups' reports: the entity's state checksum, the ack
    // itself only when it carries work (emissions, subscriptions, a fault), and whether the entity stopped.
    private long[] _ackChecksums = [];
    private TickAck?[] _tickAcks = [];
    private bool[] _gone = [];

    // Group g owns slots [g * _groupSize, (g + 1) * _groupSize); per group: reported, and who stayed silent.
    private int _activeGroups;
    private int _groupSize;
    private int _groupsReported;
    private bool[] _groupReported = [];
    private ImmutableArray<string>[] _silentByGroup = [];

    /// <summary>Creates the coordinator; use <see cref="Props"/>.</summary>
    public TickCoordinator(SimulationOptions options, EventureSettings settings)
    {
        _options = options;
        _settings = settings;
    }

    private enum Phase
    {
        Recovering,
        Idle,
        Spawning,
        AwaitingAcks,
        Routing,
        Appending,
        Failed,
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a coordinator for <paramref name="options"/>.</summary>
    public static Props Props(SimulationOptions options, EventureSettings settings) =>
        Akka.Actor.Props.Create(() => new TickCoordinator(options, settings));

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => EntitySupervision.Instance;

    /// <inheritdoc />
    protected override void PreStart()
    {
        _bus = Context.ActorOf(BusActor.Props(_settings), "bus");
        _logActor = _options.Log ?? Context.ActorOf(_options.LogProps ?? InMemoryEventLogActor.Props(), "log");
        Context.Watch(_logActor);
        _logActor.Tell(new GetStoredTicks(0));
    }

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case GroupTicked ticked:
                OnGroupTicked(ticked);
                return;
            case GroupTimedOut timedOut:
                OnGroupTimedOut(timedOut);
                return;
            case GroupFailed groupFailed:
                FailSimulation($"tick group {groupFailed.Group} failed: {groupFailed.Reason}");
                return;
            case TickRouted routed:
                OnTickRouted(routed);
                return;
            case RouteTickFailed failed:
                if (_phase == Phase.Routing && failed.TickNumber == _nextTick)
                {
                    FailSimulation(failed.Reason);
                }

                return;
            case TickAppended appended:
                OnTickAppended(appended);
                return;
            case AppendTickFailed appendFailed:
                if (_phase == Phase.Appending && appendFailed.Tick == _nextTick)
                {
                    FailSimulation($"tick {appendFailed.Tick} could not be stored: {appendFailed.Reason}");
                }

                return;
            case EntityReady ready:
                OnEntityReady(ready);
                return;
            case EntityRestarted restarted:
                OnEntityRestarted(restarted);
                return;
            case StoredTicks stored when _phase == Phase.Recovering:
                Recover(stored);
                return;
            case RealtimeTick:
                if (_realtimeUntil is { } until && _nextTick > until)
                {
                    Timers.Cancel(RealtimeTimer);
                }
                else if (_phase == Phase.Idle && !_paused && _failure is null)
                {
                    _remaining = Math.Max(_remaining, 1);
                    StartTickIfWanted();
                }

                return;
            case WatchTicks watch:
                _watchers.Add(watch.Watcher);
                return;
            case GetSimulationStatus when _phase != Phase.Recovering:
                Sender.Tell(new SimulationStatus(_nextTick, _entities.Count, _paused, _failure));
                return;
            case PauseSimulation:
                _paused = true;
                return;
            case ResumeSimulation:
                _paused = false;
                StartTickIfWanted();
                return;
            case StartRealtime realtime:
                _realtimeUntil = realtime.UntilTick;
                Timers.StartPeriodicTimer(RealtimeTimer, RealtimeTick.Instance, realtime.Interval);
                return;
            case StopRealtime:
                Timers.Cancel(RealtimeTimer);
                return;
            case GetEventLog or GetEventLogAtTick or GetStoredTicks:
                _logActor.Forward(message);
                return;
            case LogFailed failed:
                FailSimulation($"the log failed: {failed.Reason}");
                return;
            case Terminated terminated when terminated.ActorRef.Equals(_logActor):
                if (_failure is null)
                {
                    FailSimulation("the log actor stopped; no further tick can be stored.");
                }

                return;
            case EntitySupervision.ChildStopped stopped:
                OnEntityStopped(stopped.Child);
                return;
        }

        // Commands wait for the tick (or spawn) in progress; they run in arrival order once it is done.
        if (_phase is not Phase.Idle and not Phase.Failed || _deferred.Count > 0)
        {
            _deferred.Enqueue((message, Sender));
            ReleaseDeferred();
            return;
        }

        HandleCommand(message, Sender);
    }

    /// <summary>Runs deferred commands while the coordinator is between ticks.</summary>
    private void ReleaseDeferred()
    {
        while (_phase is Phase.Idle or Phase.Failed && _deferred.TryDequeue(out var deferred))
        {
            HandleCommand(deferred.Command, deferred.Sender);
        }
    }

    private void HandleCommand(object message, IActorRef sender)
    {
        switch (message)
        {
            case SpawnEntity spawn:
                Spawn(spawn, sender);
                break;
            case SpawnEntities many:
                SpawnMany(many, sender);
                break;
            case DespawnEntity despawn:
                Despawn(despawn, sender);
                break;
            case SendInput input:
                if (input.Type.Contains('*', StringComparison.Ordinal))
                {
                    sender.Tell(new Status.Failure(new InvalidEventTypeException(input.Type, "event types may not contain '*'.", nameof(message))));
                    break;
                }

                _inputs.Add(new PendingEvent(new Emission(input.Type, input.Data, null, null), null));
                sender.Tell(new InputAccepted(_nextTick));
                break;
            case RunTicks run:
                BeginRun(run.Count, sender);
                break;
            case GetSimulationStatus:
                sender.Tell(new SimulationStatus(_nextTick, _entities.Count, _paused, _failure));
                break;
            case RunUntilTick until:
                BeginRun(Math.Max(0, until.Tick - _nextTick + 1), sender);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void BeginRun(long count, IActorRef sender)
    {
        if (_failure is not null)
        {
            sender.Tell(new Status.Failure(new SimulationException($"The simulation '{_options.Id}' has stopped: {_failure}")));
            return;
        }

        if (_runRequester is not null)
        {
            sender.Tell(new Status.Failure(new SimulationException("A run is already in progress; wait for it to complete.")));
            return;
        }

        _runRequester = sender;
        _remaining = count;
        _ranInRun = 0;
        StartTickIfWanted();
    }

    private void StartTickIfWanted()
    {
        if (_phase != Phase.Idle)
        {
            return;
        }

        if (_remaining <= 0)
        {
            if (_runRequester is not null)
            {
                _runRequester.Tell(new RunCompleted(_nextTick - 1, _ranInRun));
                _runRequester = null;
            }

            return;
        }

        if (_paused)
        {
            return;
        }

        _phase = Phase.AwaitingAcks;
        EnsureOrder();
        Array.Clear(_tickAcks);
        Array.Clear(_groupReported);
        Array.Clear(_silentByGroup);
        _groupsReported = 0;
        if (_activeGroups == 0)
        {
            RouteCurrentTick();
            return;
        }

        var start = new StartGroupTick(_nextTick);
        for (var group = 0; group < _activeGroups; group++)
        {
            _groups[group].Tell(start);
        }
    }

    /// <summary>Whether a group's report belongs to the tick being collected and is its first.</summary>
    private bool TakeReport(long tick, int group)
    {
        if (_phase != Phase.AwaitingAcks || tick != _nextTick || group >= _activeGroups || _groupReported[group])
        {
            return false;
        }

        _groupReported[group] = true;
        _groupsReported++;
        return true;
    }

    private void OnGroupTicked(GroupTicked ticked)
    {
        if (!TakeReport(ticked.Tick, ticked.Group))
        {
            return;
        }

        var offset = ticked.Group * _groupSize;
        ticked.Checksums.CopyTo(_ackChecksums, offset);
        if (!ticked.Work.IsDefaultOrEmpty)
        {
            ticked.Work.CopyTo(_tickAcks, offset);
        }

        FinishCollecting();
    }

    private void OnGroupTimedOut(GroupTimedOut timedOut)
    {
        if (TakeReport(timedOut.Tick, timedOut.Group))
        {
            _silentByGroup[timedOut.Group] = timedOut.Silent;
            FinishCollecting();
        }
    }

    /// <summary>Once every group has reported: routes the tick, or fails it naming every silent entity.</summary>
    private void FinishCollecting()
    {
        if (_groupsReported < _activeGroups)
        {
            return;
        }

        var silent = _silentByGroup.Where(ids => !ids.IsDefault).SelectMany(ids => ids).ToList();
        if (silent.Count == 0)
        {
            RouteCurrentTick();
            return;
        }

        FailSimulation($"tick {_nextTick}: no answer to Tick within eventure.tick.timeout ({_settings.TickTimeout}) from entity {string.Join(", ", silent)}.");
    }

    private void RouteCurrentTick()
    {
        var wave0 = ImmutableArray.CreateBuilder<PendingEvent>();
        wave0.AddRange(_inputs);
        _inputs.Clear();
        if (_scheduled.Remove(_nextTick, out var due))
        {
            wave0.AddRange(due.Select(p => p with { Emission = p.Emission with { AtTick = null } }));
        }

        var subscriptions = ImmutableArray.CreateBuilder<(string, SubscriptionChange)>();
        var despawning = ImmutableArray.CreateBuilder<string>();
        for (var slot = 0; slot < _ordered.Length; slot++)
        {
            if (_tickAcks[slot] is not { } ack || _gone[slot])
            {
                continue;
            }

            var entity = _ordered[slot];
            var entityId = entity.Id;
            if (ack.Fault is { } fault)
            {
                wave0.Add(new PendingEvent(RuntimeEvents.Faulted(entityId, fault, null), null));
                continue;
            }

            foreach (var emission in ack.Emissions)
            {
                if (emission.AtTick is { } at)
                {
                    Schedule(at, new PendingEvent(emission, entityId));
                }
                else
                {
                    wave0.Add(new PendingEvent(emission, entityId));
                }
            }

            foreach (var change in ack.Subscriptions)
            {
                subscriptions.Add((entityId, change));
            }

            if (ack.Despawn)
            {
                // Journaled right after the entity's own publishes; it leaves once the tick is stored.
                wave0.Add(new PendingEvent(RuntimeEvents.Despawned(entityId, entity.Kind), null));
                despawning.Add(entityId);
            }
        }

        _phase = Phase.Routing;
        _bus.Tell(new RouteTick(_nextTick, wave0.ToImmutable(), subscriptions.ToImmutable(), despawning.ToImmutable()));
    }

    private void OnTickRouted(TickRouted routed)
    {
        if (_phase != Phase.Routing || routed.TickNumber != _nextTick)
        {
            return;
        }

        foreach (var scheduled in routed.Scheduled)
        {
            Schedule(scheduled.Emission.AtTick!.Value, scheduled);
        }

        var checksum = StableSeed.Mix(StableSeed.Start, (ulong)routed.TickNumber);
        foreach (var e in routed.Events)
        {
            checksum = StableSeed.Mix(checksum, e.ToJson());
        }

        // An entity that handled deliveries reports its latest state with its last delivery ack.
        foreach (var (entityId, latest) in routed.Checksums)
        {
            if (_slotOf.TryGetValue(entityId, out var slot))
            {
                _ackChecksums[slot] = latest;
            }
        }

        for (var slot = 0; slot < _ordered.Length; slot++)
        {
            if (!_gone[slot])
            {
                checksum = StableSeed.Mix(checksum, (ulong)_ackChecksums[slot]);
            }
        }

        _routed = routed;
        _phase = Phase.Appending;
        _logActor.Tell(new AppendTick(routed.TickNumber, routed.Events, routed.Sources, (long)checksum));
    }

    private void OnTickAppended(TickAppended appended)
    {
        if (_phase != Phase.Appending || appended.Tick != _nextTick || _routed is null)
        {
            return;
        }

        for (var i = 0; i < _routed.Events.Length; i++)
        {
            if (_routed.Sources[i] is { } source)
            {
                HistoryOf(source).Add(_routed.Events[i]);
            }
        }

        // Entities that despawned themselves leave now: their entity.despawned is stored with this tick.
        foreach (var entityId in _routed.Despawned)
        {
            if (_entities.Remove(entityId, out var entity))
            {
                RemoveFromPopulation(entity);
            }
        }

        var completed = new TickCompleted(appended.Tick, appended.EventCount, appended.Checksum);
        foreach (var watcher in _watchers)
        {
            watcher.Tell(completed);
        }

        _routed = null;
        _nextTick++;
        _remaining--;
        _ranInRun++;
        _phase = Phase.Idle;
        ReleaseDeferred();
        StartTickIfWanted();
    }

    private void FailSimulation(string reason)
    {
        Timers.Cancel(RealtimeTimer);
        _failure = reason;
        _phase = Phase.Failed;
        _log.Error("Simulation {0} stopped: {1}", _options.Id, reason);
        _runRequester?.Tell(new Status.Failure(new SimulationException($"The simulation '{_options.Id}' stopped: {reason}")));
        _runRequester = null;
        ReleaseDeferred();
    }

    /// <summary>
    /// Rebuilds the entity-id order after the population changed (at most once per tick) and deals it out to the
    /// tick groups in contiguous slices.
    /// </summary>
    private void EnsureOrder()
    {
        if (!_orderDirty)
        {
            return;
        }

        _ordered = [.. _entities.Values.OrderBy(e => e.Id, StringComparer.Ordinal)];
        _slotOf.Clear();
        for (var slot = 0; slot < _ordered.Length; slot++)
        {
            _slotOf[_ordered[slot].Id] = slot;
        }

        _tickAcks = new TickAck?[_ordered.Length];
        _ackChecksums = new long[_ordered.Length];
        _gone = new bool[_ordered.Length];
        var groups = _settings.GroupCountFor(_ordered.Length);
        _groupSize = groups == 0 ? 0 : (_ordered.Length + groups - 1) / groups;
        _activeGroups = groups == 0 ? 0 : (_ordered.Length + _groupSize - 1) / _groupSize;
        _groupReported = new bool[_activeGroups];
        _silentByGroup = new ImmutableArray<string>[_activeGroups];
        while (_groups.Count < _activeGroups)
        {
            _groups.Add(Context.ActorOf(TickGroup.Props(_groups.Count, _settings.TickTimeout), $"tick-group-{_groups.Count}"));
        }

        for (var group = 0; group < _groups.Count; group++)
        {
            // Groups beyond the active ones get an empty slice, so they hold no stopped entity.
            var first = Math.Min(group * _groupSize, _ordered.Length);
            var members = group < _activeGroups ? _ordered[first..Math.Min(first + _groupSize, _ordered.Length)] : [];
            _groups[group].Tell(new AssignGroup([.. members.Select(e => e.Actor)], [.. members.Select(e => e.Id)]));
        }

        _orderDirty = false;
    }

    private void Schedule(long tick, PendingEvent pending)
    {
        if (!_scheduled.TryGetValue(tick, out var list))
        {
            _scheduled[tick] = list = [];
        }

        list.Add(pending);
    }

    private List<Event> HistoryOf(string entityId)
    {
        if (!_history.TryGetValue(entityId, out var list))
        {
            _history[entityId] = list = [];
        }

        return list;
    }

    private sealed record RealtimeTick : IEventureMessage
    {
        public static RealtimeTick Instance { get; } = new();
    }

    private sealed class EntityRecord(string id, string kind, IActorRef actor)
    {
        public string Id { get; } = id;

        public string Kind { get; } = kind;

        public IActorRef Actor { get; } = actor;
    }

}
