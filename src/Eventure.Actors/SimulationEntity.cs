using System.Collections.Immutable;
using Akka.Actor;

namespace Eventure.Actors;

/// <summary>
/// The base class of every simulation entity: an actor that reacts to ticks and to the events it subscribed
/// to, and publishes events of its own.
/// </summary>
/// <remarks>
/// <para>Override <see cref="OnTick"/> to act once per tick and <see cref="OnEvent"/> to react to delivered
/// events; call <see cref="Subscribe"/> (usually from <see cref="OnStart"/>) and <see cref="Publish"/> from
/// them. Publishes are not sent anywhere directly: they travel back to the runtime with the reply to the
/// message being handled, and the runtime orders them deterministically (see docs/determinism.md).</para>
/// <para>State must be a fold of the entity's own events: override <see cref="Apply"/> and update state there
/// (and only there), then publish events that describe each decision. When a simulation resumes from a
/// journal, or an entity is restarted after a fault, the runtime replays the entity's own past events through
/// <see cref="Apply"/>. <see cref="Random"/> is derived from the simulation seed, the entity id and the tick,
/// so it needs no restoring.</para>
/// <para>To finish handling asynchronously (for example after <c>PipeTo(Self)</c>), call <see cref="DeferReply"/>
/// inside the handler and complete the returned handle later.</para>
/// <para>To leave the simulation, call <see cref="Despawn"/> from a handler rather than stopping the actor: the
/// runtime then journals the exit at a point fixed by the cascade, so replays and resumes agree.</para>
/// </remarks>
/// <example>
/// <code>
/// public sealed class Villager : SimulationEntity
/// {
///     private long _wood;
///
///     protected override void OnStart() => Subscribe("weather.*");
///
///     protected override void OnTick(long tick)
///     {
///         if (Random.NextDouble() &lt; 0.5)
///         {
///             Publish("villager.chopped", new Dictionary&lt;string, object?&gt; { ["wood"] = 1 });
///         }
///     }
///
///     protected override void Apply(Event e)
///     {
///         if (e.Type == "villager.chopped") { _wood += (long)e.Data["wood"]!; }
///     }
///
///     protected override long StateChecksum() => _wood;
/// }
/// </code>
/// </example>
public abstract class SimulationEntity : UntypedActor, IWithUnboundedStash
{
    private readonly IActorRef _self;

    // The work being handled is kept inline (reply address, wave, slot, emissions): a quiet tick touches no
    // object but the entity itself. A Reply object exists only once a handler defers its reply.
    private string? _entityId;
    private int _seed;
    private long _tick;
    private Random? _random;
    private bool _handling;
    private IActorRef? _replyTo;
    private int _wave;
    private int _slot;
    private Event? _delivered;
    private List<Emission>? _pending;
    private bool _despawn;
    private Reply? _deferred;
    private List<SubscriptionChange>? _subscriptions;
    private QuietTickAck? _quietAck;
    private long _quietChecksum;

    /// <summary>Creates the entity (the runtime spawns it from the props given to <c>SpawnAsync</c>).</summary>
    protected SimulationEntity()
    {
        _self = Self;
    }

    /// <summary>
    /// The entity's stash (set by Akka). Work that reaches a restarted entity before it is rebuilt waits here, and
    /// Akka puts it back at the front of the mailbox on every further restart, so no delivery is lost or reordered
    /// however many restarts are in flight.
    /// </summary>
    IStash IActorStash.Stash { get; set; } = null!;

    /// <summary>The entity's id within its simulation.</summary>
    protected string EntityId => _entityId ?? throw new InvalidOperationException("The entity is not initialized yet.");

    /// <summary>The tick being processed (the last tick seen).</summary>
    protected long CurrentTick => _tick;

    /// <summary>
    /// A random stream for the current tick, seeded from the simulation seed, the entity id and the tick, so
    /// draws are reproducible and need no restoring after a restart. Draw in a deterministic order.
    /// </summary>
    protected Random Random => _random ??= new Random(StableSeed.Derive(_seed, EntityId, _tick));

    /// <summary>Called once after the entity is initialized (and after state recovery). Subscribe here.</summary>
    protected virtual void OnStart()
    {
    }

    /// <summary>
    /// Called at every tick. Entities handle a tick concurrently (each tick group sends it in entity-id order);
    /// what they publish is ordered by entity id afterwards, so nothing in the log depends on timing.
    /// </summary>
    /// <param name="tick">The tick.</param>
    protected virtual void OnTick(long tick)
    {
    }

    /// <summary>Called for every delivered event matching one of the entity's subscriptions.</summary>
    /// <param name="e">The event (already logged, with its id).</param>
    protected virtual void OnEvent(Event e)
    {
    }

    /// <summary>
    /// Applies one of the entity's own events to its state. Called for every event the entity publishes, as
    /// soon as it has an id, and for the entity's history when it is rebuilt. Keep it pure: no publishing.
    /// </summary>
    /// <param name="e">One of the entity's own events.</param>
    protected virtual void Apply(Event e)
    {
    }

    /// <summary>A stable checksum of the entity's state, folded into the tick checksum. Default 0.</summary>
    protected virtual long StateChecksum() => 0;

    /// <summary>Handles messages that are not part of the runtime protocol (for example piped results).</summary>
    /// <param name="message">The message.</param>
    protected virtual void OnOtherMessage(object message) => Unhandled(message);

    /// <summary>Subscribes to <paramref name="pattern"/> (applies from the next wave).</summary>
    /// <exception cref="InvalidTopicPatternException">The pattern is invalid.</exception>
    protected void Subscribe(string pattern)
    {
        TopicPattern.Parse(pattern);
        (_subscriptions ??= []).Add(new SubscriptionChange(pattern, Add: true));
    }

    /// <summary>Removes one subscription to <paramref name="pattern"/> (applies from the next wave).</summary>
    protected void Unsubscribe(string pattern) => (_subscriptions ??= []).Add(new SubscriptionChange(pattern, Add: false));

    /// <summary>
    /// Publishes an event in the current tick. Inside <see cref="OnEvent"/> the parent defaults to the
    /// delivered event; inside <see cref="OnTick"/> it defaults to none.
    /// </summary>
    /// <exception cref="InvalidEventTypeException">The type contains <c>*</c>.</exception>
    protected void Publish(string type, IReadOnlyDictionary<string, object?>? data = null, Event? parent = null) =>
        Emit(type, data, parent, atTick: null);

    /// <summary>
    /// Publishes an event into a later tick, keeping its parent link: it joins that tick's wave 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tick"/> is not after the current tick.</exception>
    protected void PublishAt(long tick, string type, IReadOnlyDictionary<string, object?>? data = null, Event? parent = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tick, _tick);
        Emit(type, data, parent, tick);
    }

    /// <summary>
    /// Takes the entity out of the simulation, deterministically: <c>entity.despawned</c> is journaled right after
    /// what this handler publishes (its parent is the event being handled), the entity receives no delivery from
    /// the next wave on, and it is stopped once the tick is stored. Use this instead of stopping the actor.
    /// </summary>
    /// <remarks>Deliveries of the current wave already under way are still handled. Calling it again, or after a
    /// throw in the same handler, has no further effect: a handler that throws is rolled back, despawn included.</remarks>
    /// <exception cref="InvalidOperationException">Called outside a handler (use <see cref="DeferredReply.Despawn"/> later).</exception>
    protected void Despawn()
    {
        if (!_handling)
        {
            throw new InvalidOperationException("Despawn can only be called while handling a tick or an event (use the DeferredReply handle for later decisions).");
        }

        if (_deferred is { } open)
        {
            open.Despawn = true;
        }
        else
        {
            _despawn = true;
        }
    }

    /// <summary>
    /// Keeps the current delivery (or tick) open after the handler returns: publish through the returned
    /// handle, then call <see cref="DeferredReply.Complete"/>. The tick waits for it.
    /// </summary>
    protected DeferredReply DeferReply()
    {
        if (!_handling)
        {
            throw new InvalidOperationException("DeferReply can only be called while handling a tick or an event.");
        }

        if (_deferred is null)
        {
            // What was published so far moves to the open reply; later publishes in this handler join it too.
            _deferred = new Reply(_replyTo!, _tick, _wave, _slot, _delivered?.Id) { Despawn = _despawn };
            _despawn = false;
            if (_pending is { Count: > 0 } pending)
            {
                _deferred.Emissions.AddRange(pending);
                pending.Clear();
            }
        }

        return new DeferredReply(this, _deferred);
    }

    /// <inheritdoc />
    protected sealed override void OnReceive(object message)
    {
        switch (message)
        {
            case Tick or Deliver when _entityId is not null:
                HandleWork(message, Sender);
                break;
            case InitializeEntity init:
                Initialize(init);
                break;
            case Tick or Deliver:
                // Only after a restart can work arrive before (re)initialization: it waits, in order, for the rebuild.
                ((IActorStash)this).Stash.Stash();
                break;
            case OwnEvents when _entityId is null:
                // Only after a restart: the initialization that follows already holds these events.
                break;
            case OwnEvents own:
                foreach (var e in own.Events)
                {
                    Apply(e);
                }

                break;
            default:
                OnOtherMessage(message);
                break;
        }
    }

    /// <inheritdoc />
    protected override void PreRestart(Exception reason, object message)
    {
        if (_entityId is not null)
        {
            Context.Parent.Tell(new EntityRestarted(_entityId));
        }

        base.PreRestart(reason, message);
    }

    internal static void EmitFromDeferred(Reply reply, string type, IReadOnlyDictionary<string, object?>? data, Event? parent, long? atTick)
    {
        TopicPattern.ValidateEventType(type, nameof(type));
        reply.Emissions.Add(new Emission(type, EventData.From(data), parent?.Id ?? reply.DefaultParentId, atTick));
    }

    internal void CompleteDeferred(Reply reply)
    {
        if (!reply.Sent)
        {
            reply.Sent = true;
            SendAck(reply.ReplyTo, reply.Tick, reply.Wave, reply.Slot, reply.Emissions, fault: null, reply.Despawn);
        }
    }

    private void Initialize(InitializeEntity init)
    {
        _entityId = init.EntityId;
        _seed = init.SimulationSeed;
        _subscriptions = null;
        try
        {
            foreach (var e in init.History)
            {
                Apply(e);
            }

            OnStart();
        }
        catch (Exception ex)
        {
            // An entity that cannot start is not restarted in a loop: the runtime reports it and stops it.
            _subscriptions = null;
            Sender.Tell(new EntityReady(init.EntityId, [], 0, new EntityFault(ex.GetType().Name, ex.Message)));
            Context.Stop(Self);
            return;
        }

        Sender.Tell(new EntityReady(init.EntityId, TakeSubscriptions(), StateChecksum()));

        // Work that arrived during the rebuild goes back to the front of the mailbox and is handled one message at
        // a time: if one of them throws, the rest are still in the mailbox for the next rebuild.
        ((IActorStash)this).Stash.UnstashAll();
    }

    private void HandleWork(object work, IActorRef sender)
    {
        if (work is Tick tick)
        {
            BeginTick(tick.Number);
            Handle(sender, -1, -1, null);
        }
        else if (work is Deliver deliver)
        {
            BeginTick(deliver.TickNumber);
            Handle(sender, deliver.Wave, deliver.Slot, deliver.Event);
        }
    }

    private void BeginTick(long tick)
    {
        if (tick != _tick)
        {
            _tick = tick;
            _random = null;
        }
    }

    private void Emit(string type, IReadOnlyDictionary<string, object?>? data, Event? parent, long? atTick)
    {
        TopicPattern.ValidateEventType(type, nameof(type));
        if (!_handling)
        {
            throw new InvalidOperationException("Publish can only be called while handling a tick or an event (use DeferReply for later publishes).");
        }

        var emission = new Emission(type, EventData.From(data), parent?.Id ?? _delivered?.Id, atTick);
        (_deferred?.Emissions ?? (_pending ??= [])).Add(emission);
    }

    /// <summary>Runs <see cref="OnEvent"/> for <paramref name="delivered"/>, or <see cref="OnTick"/> when it is null, and answers.</summary>
    private void Handle(IActorRef replyTo, int wave, int slot, Event? delivered)
    {
        _handling = true;
        _replyTo = replyTo;
        _wave = wave;
        _slot = slot;
        _delivered = delivered;
        try
        {
            if (delivered is null)
            {
                OnTick(_tick);
            }
            else
            {
                OnEvent(delivered);
            }
        }
        catch (Exception ex)
        {
            // The faulted work is answered at once, even if it was deferred; a later Complete sends nothing.
            if (_deferred is { } open)
            {
                open.Sent = true;
            }

            _pending?.Clear();
            _deferred = null;
            _despawn = false;
            SendAck(replyTo, _tick, wave, slot, pending: null, new EntityFault(ex.GetType().Name, ex.Message), despawn: false);
            throw;
        }
        finally
        {
            _handling = false;
            _replyTo = null;
            _delivered = null;
        }

        if (_deferred is null)
        {
            SendAck(replyTo, _tick, wave, slot, _pending, fault: null, _despawn);
            _pending?.Clear();
            _despawn = false;
        }

        _deferred = null;
    }

    private ImmutableArray<SubscriptionChange> TakeSubscriptions()
    {
        if (_subscriptions is not { Count: > 0 } changes)
        {
            return [];
        }

        _subscriptions = null;
        return [.. changes];
    }

    private void SendAck(IActorRef replyTo, long tick, int wave, int slot, List<Emission>? pending, EntityFault? fault, bool despawn)
    {
        var checksum = fault is null ? StateChecksum() : 0;
        if (wave < 0 && fault is null && !despawn && pending is not { Count: > 0 } && _subscriptions is null)
        {
            // Nothing to report but the state: the last quiet ack is reused while the checksum stays the same.
            if (_quietAck is not { } quiet || _quietChecksum != checksum)
            {
                _quietAck = quiet = new QuietTickAck(EntityId, checksum);
                _quietChecksum = checksum;
            }

            replyTo.Tell(quiet, _self);
            return;
        }

        var emissions = pending is { Count: > 0 } ? pending.ToImmutableArray() : [];
        var subscriptions = TakeSubscriptions();
        object message = wave < 0
            ? new TickAck(EntityId, tick, emissions, subscriptions, checksum, fault, despawn)
            : new DeliveryAck(EntityId, tick, wave, slot, emissions, subscriptions, checksum, fault, despawn);
        replyTo.Tell(message, _self);
    }

    /// <summary>Own events with ids, sent back by the runtime so the entity can apply them.</summary>
    /// <param name="Events">The entity's events in order.</param>
    internal sealed record OwnEvents(ImmutableArray<Event> Events) : IEventureMessage;

    /// <summary>A reply kept open by <see cref="DeferReply"/>: where it goes and what was published for it.</summary>
    internal sealed class Reply(IActorRef replyTo, long tick, int wave, int slot, string? defaultParentId)
    {
        public IActorRef ReplyTo { get; } = replyTo;

        public long Tick { get; } = tick;

        public int Wave { get; } = wave;

        public int Slot { get; } = slot;

        public List<Emission> Emissions { get; } = [];

        public string? DefaultParentId { get; } = defaultParentId;

        public bool Despawn { get; set; }

        public bool Sent { get; set; }
    }
}
