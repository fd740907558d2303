using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Eventure.Actors.Routing;

namespace Eventure.Actors;

/// <summary>
/// Routes a tick's events to subscribed entities in waves and keeps every cascade deterministic.
/// </summary>
/// <remarks>
/// Wave 0 is what the coordinator hands over. Each event of a wave gets its id (per-simulation counters, the
/// core's format) and is delivered to every matching subscription in the core bus's dispatch order. When every
/// delivery of a wave is acknowledged, the reactions are sorted by (parent position, subscriber rank, emit index)
/// into the next wave. The tick is quiescent when a wave is empty. Subscription changes apply at wave
/// boundaries, ordered by (entity id, delivery slot, emit order). An entity that despawns itself while handling
/// a delivery gets its <c>entity.despawned</c> right after its reactions and no delivery from the next wave on.
/// Nothing depends on message arrival order.
/// </remarks>
public sealed class BusActor : UntypedActor, IWithTimers
{
    private const string WaveTimer = "wave-timeout";

    private readonly EventureSettings _settings;
    private readonly EventIdGenerator _ids = new();
    private readonly SubscriptionTable _table = new();
    private readonly Dictionary<string, (IActorRef Actor, string Kind)> _entities = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private TickState? _current;
    private TickState? _lastRouted;

    /// <summary>Creates the bus; use <see cref="Props"/>.</summary>
    public BusActor(EventureSettings settings)
    {
        _settings = settings;
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a bus with <paramref name="settings"/>.</summary>
    public static Props Props(EventureSettings settings) => Akka.Actor.Props.Create(() => new BusActor(settings));

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case DeliveryAck ack:
                OnDeliveryAck(ack);
                break;
            case RouteTick route:
                StartTick(route);
                break;
            case RegisterEntity register:
                Register(register);
                break;
            case UnregisterEntity unregister:
                Unregister(unregister.EntityId);
                break;
            case RebuildEntity rebuild:
                Rebuild(rebuild);
                break;
            case ObserveIds observe:
                foreach (var id in observe.Ids)
                {
                    _ids.Observe(id);
                }

                break;
            case WaveTimedOut timeout:
                OnWaveTimeout(timeout);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Register(RegisterEntity register)
    {
        _entities[register.EntityId] = (register.Entity, register.Kind);

        foreach (var change in register.Subscriptions)
        {
            ApplyChange(register.EntityId, change);
        }
    }

    private void Unregister(string entityId)
    {
        _table.RemoveEntity(entityId);
        _entities.Remove(entityId);

        // Deliveries to an entity that is gone count as answered with nothing.
        if (_current is { } state)
        {
            for (var slot = 0; slot < state.Deliveries.Count; slot++)
            {
                if (!state.Acked[slot] && state.Deliveries[slot].EntityId == entityId)
                {
                    state.Acked[slot] = true;
                    state.Pending--;
                }
            }

            if (state.Pending == 0 && state.Deliveries.Count > 0)
            {
                FinishWave(state);
            }
        }
    }

    /// <summary>
    /// Sends a restarted entity its whole history: the stored ticks from the coordinator, then its events of the
    /// tick being routed (or routed and not stored yet). Every OwnEvents sent before this is part of it (the entity
    /// drops those until it is initialized); every one sent after follows it.
    /// </summary>
    private void Rebuild(RebuildEntity rebuild)
    {
        var history = rebuild.Init.History.ToBuilder();
        foreach (var state in new[] { _lastRouted, _current })
        {
            if (state is null || state.Tick <= rebuild.StoredThroughTick)
            {
                continue;
            }

            for (var i = 0; i < state.Events.Count; i++)
            {
                if (string.Equals(state.Sources[i], rebuild.Init.EntityId, StringComparison.Ordinal))
                {
                    history.Add(state.Events[i]);
                }
            }
        }

        rebuild.Entity.Tell(rebuild.Init with { History = history.ToImmutable() }, Context.Parent);
    }

    private void ApplyChange(string entityId, SubscriptionChange change)
    {
        if (!change.Add)
        {
            _table.Remove(entityId, change.Pattern);
        }
        else if (_entities.TryGetValue(entityId, out var entity))
        {
            _table.Add(new Registration(TopicPattern.Parse(change.Pattern), entityId, entity.Actor));
        }
    }

    private void StartTick(RouteTick route)
    {
        if (_current is not null)
        {
            Sender.Tell(new RouteTickFailed(route.TickNumber, $"tick {_current.Tick} is still being routed"));
            return;
        }

        foreach (var (entityId, change) in route.Subscriptions)
        {
            ApplyChange(entityId, change);
        }

        _current = new TickState(route.TickNumber, Sender);
        foreach (var entityId in route.Despawning)
        {
            _current.Despawned.Add(entityId);
            _table.RemoveEntity(entityId);
        }

        StartWave(_current, route.Wave0);
    }

    private void StartWave(TickState state, IReadOnlyList<PendingEvent> wave)
    {
        state.Deliveries.Clear();
        state.Reactions.Clear();
        state.Changes.Clear();
        if (wave.Count == 0)
        {
            Finish(state);
            return;
        }

        if (state.Wave >= _settings.MaxWaves)
        {
            Fail(state, $"tick {state.Tick} exceeded eventure.cascade.max-waves ({_settings.MaxWaves}); the cascade is still producing events (last wave starts with '{wave[0].Emission.Type}').");
            return;
        }

        if (state.Events.Count + wave.Count > _settings.MaxEventsPerTick)
        {
            Fail(state, $"tick {state.Tick} exceeded eventure.cascade.max-events-per-tick ({_settings.MaxEventsPerTick}) in wave {state.Wave}.");
            return;
        }

        var timestamp = _settings.TimestampOf(state.Tick);
        state.WaveStart = state.Events.Count;
        Dictionary<string, List<Event>>? own = null;
        foreach (var pending in wave)
        {
            var emission = pending.Emission;
            var e = new Event(state.Tick, timestamp, emission.Type, emission.Data, _ids.Next(state.Tick, emission.Type), emission.ParentId);
            state.Events.Add(e);
            state.Sources.Add(pending.Source);
            if (pending.Source is not null)
            {
                own ??= new Dictionary<string, List<Event>>(StringComparer.Ordinal);
                if (!own.TryGetValue(pending.Source, out var list))
                {
                    own[pending.Source] = list = [];
                }

                list.Add(e);
            }
        }

        // Emitters learn their events' ids (and apply them) before anything else reaches them.
        if (own is not null)
        {
            foreach (var (source, events) in own)
            {
                if (_entities.TryGetValue(source, out var entity))
                {
                    entity.Actor.Tell(new SimulationEntity.OwnEvents([.. events]));
                }
            }
        }

        for (var i = state.WaveStart; i < state.Events.Count; i++)
        {
            var e = state.Events[i];
            var subscribers = _table.Resolve(e.Type);
            for (var rank = 0; rank < subscribers.Length; rank++)
            {
                var registration = subscribers[rank];
                var slot = state.Deliveries.Count;
                state.Deliveries.Add(new Delivery(i - state.WaveStart, rank, registration.EntityId));
                registration.Subscriber.Tell(new Deliver(state.Tick, state.Wave, slot, e, registration.Pattern.Text));
            }
        }

        state.Acked = new bool[state.Deliveries.Count];
        state.Pending = state.Deliveries.Count;
        if (state.Pending == 0)
        {
            FinishWave(state);
            return;
        }

        Timers.StartSingleTimer(WaveTimer, new WaveTimedOut(state.Tick, state.Wave), _settings.TickTimeout);
    }

    private void OnDeliveryAck(DeliveryAck ack)
    {
        var state = _current;
        if (state is null || ack.TickNumber != state.Tick || ack.Wave != state.Wave || ack.Slot < 0 || ack.Slot >= state.Deliveries.Count || state.Acked[ack.Slot])
        {
            _log.Warning("Ignoring a stale or duplicate delivery ack from {0} (tick {1}, wave {2}, slot {3})", ack.EntityId, ack.TickNumber, ack.Wave, ack.Slot);
            return;
        }

        var delivery = state.Deliveries[ack.Slot];
        state.Acked[ack.Slot] = true;
        state.Pending--;
        state.Checksums[ack.EntityId] = ack.Checksum;
        var parentId = state.Events[state.WaveStart + delivery.EventIndex].Id;
        if (ack.Fault is { } fault)
        {
            state.Reactions.Add(new Reaction(delivery.EventIndex, delivery.Rank, 0, new PendingEvent(RuntimeEvents.Faulted(ack.EntityId, fault, parentId), null)));
        }
        else
        {
            for (var i = 0; i < ack.Emissions.Length; i++)
            {
                state.Reactions.Add(new Reaction(delivery.EventIndex, delivery.Rank, i, new PendingEvent(ack.Emissions[i], ack.EntityId)));
            }

            // A despawn is journaled right after what the entity published in the same reply, caused by the same event.
            if (ack.Despawn && state.Despawned.Add(ack.EntityId))
            {
                var kind = _entities.TryGetValue(ack.EntityId, out var member) ? member.Kind : string.Empty;
                state.Reactions.Add(new Reaction(delivery.EventIndex, delivery.Rank, ack.Emissions.Length, new PendingEvent(RuntimeEvents.Despawned(ack.EntityId, kind, parentId), null)));
                state.DespawnedInWave.Add(ack.EntityId);
            }
        }

        for (var i = 0; i < ack.Subscriptions.Length; i++)
        {
            state.Changes.Add((ack.EntityId, ack.Slot, i, ack.Subscriptions[i]));
        }

        if (state.Pending == 0)
        {
            FinishWave(state);
        }
    }

    private void FinishWave(TickState state)
    {
        Timers.Cancel(WaveTimer);
        state.Changes.Sort((a, b) =>
        {
            var byEntity = string.CompareOrdinal(a.EntityId, b.EntityId);
            return byEntity != 0 ? byEntity : a.Slot != b.Slot ? a.Slot.CompareTo(b.Slot) : a.Index.CompareTo(b.Index);
        });
        foreach (var (entityId, _, _, change) in state.Changes)
        {
            ApplyChange(entityId, change);
        }

        // Entities that despawned themselves in this wave receive nothing from the next wave on.
        foreach (var entityId in state.DespawnedInWave)
        {
            _table.RemoveEntity(entityId);
        }

        state.DespawnedInWave.Clear();

        var next = WaveOrder.Sort(state.Reactions, state.Scheduled);
        state.Wave++;
        StartWave(state, next);
    }

    private void Finish(TickState state)
    {
        _current = null;
        _lastRouted = state;
        state.ReplyTo.Tell(new TickRouted(state.Tick, [.. state.Events], [.. state.Sources], [.. state.Scheduled], state.Checksums.ToImmutableDictionary(StringComparer.Ordinal), state.Wave, [.. state.Despawned.Order(StringComparer.Ordinal)]));
    }

    private void Fail(TickState state, string reason)
    {
        Timers.Cancel(WaveTimer);
        _current = null;
        _log.Error("Routing of tick {0} failed: {1}", state.Tick, reason);
        state.ReplyTo.Tell(new RouteTickFailed(state.Tick, reason));
    }

    private void OnWaveTimeout(WaveTimedOut timeout)
    {
        var state = _current;
        if (state is null || state.Tick != timeout.TickNumber || state.Wave != timeout.Wave)
        {
            return;
        }

        var silent = state.Deliveries.Where((d, slot) => !state.Acked[slot]).Select(d => d.EntityId).Distinct().Order(StringComparer.Ordinal);
        Fail(state, $"tick {state.Tick}, wave {state.Wave}: no answer within eventure.tick.timeout ({_settings.TickTimeout}) from entity {string.Join(", ", silent)}.");
    }

    private sealed record WaveTimedOut(long TickNumber, int Wave) : IEventureMessage;

    private sealed class TickState(long tick, IActorRef replyTo)
    {
        public long Tick { get; } = tick;

        public IActorRef ReplyTo { get; } = replyTo;

        public int Wave { get; set; }

        public int WaveStart { get; set; }

        public List<Event> Events { get; } = [];

        public List<string?> Sources { get; } = [];

        public List<Delivery> Deliveries { get; } = [];

        public bool[] Acked { get; set; } = [];

        public int Pending { get; set; }

        public List<Reaction> Reactions { get; } = [];

        public List<PendingEvent> Scheduled { get; } = [];

        public List<(string EntityId, int Slot, int Index, SubscriptionChange Change)> Changes { get; } = [];

        public Dictionary<string, long> Checksums { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Despawned { get; } = new(StringComparer.Ordinal);

        public List<string> DespawnedInWave { get; } = [];
    }
}
