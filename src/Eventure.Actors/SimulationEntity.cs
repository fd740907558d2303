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
public abstract partial class SimulationEntity : UntypedActor, IWithUnboundedStash
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> StatefulTypes = new();

    private string? _entityId;
    private int _seed;
    private long _tick;
    private Random? _random;

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
    /// Called at every tick. Entities handle a tick concurrently (each partition sends it in entity-id order);
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
        AddChange(new SubscriptionChange(pattern, Add: true));
    }

    /// <summary>Removes one subscription to <paramref name="pattern"/> (applies from the next wave).</summary>
    protected void Unsubscribe(string pattern) => AddChange(new SubscriptionChange(pattern, Add: false));

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

        if (_open is { } open)
        {
            open.Despawn = true;
        }
        else
        {
            _despawnUnit = _despawnUnit < 0 ? _unit : _despawnUnit;
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

        if (_open is null)
        {
            // What the handler published so far moves to the open reply; later publishes in this handler join it too.
            _open = new Reply(this, _work.Generation, _unit, _tick, _delivered?.Id);
            _work.Replies.Add(_open);
            _work.OpenReplies++;
            var start = _work.UnitStart;
            _open.Emissions.AddRange(_emissions.GetRange(start, _emissions.Count - start));
            _emissions.RemoveRange(start, _emissions.Count - start);
            if (_despawnUnit == _unit)
            {
                _open.Despawn = true;
                _despawnUnit = -1;
            }
        }

        return new DeferredReply(_open);
    }

    /// <inheritdoc />
    protected sealed override void OnReceive(object message)
    {
        switch (message)
        {
            case EntityBatch batch when _entityId is not null:
                HandleBatch(batch, Sender);
                break;
            case Tick tick when _entityId is not null:
                HandleTick(tick.Number, Sender);
                break;
            case InitializeEntity init:
                Initialize(init);
                break;
            case ReportEntityState report when _entityId is not null:
                ReportState(report);
                break;
            case Tick or EntityBatch:
                // Only after a restart can work arrive before (re)initialization: it waits, in order, for the rebuild.
                ((IActorStash)this).Stash.Stash();
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
            // An entity whose state is a value hands it to its next incarnation: no history to replay.
            Context.Parent.Tell(new EntityRestarted(_entityId, CarriedState()));
        }

        base.PreRestart(reason, message);
    }

    private void Initialize(InitializeEntity init)
    {
        _entityId = init.EntityId;
        _seed = init.SimulationSeed;
        _changes.Clear();
        try
        {
            RestoreState(init);
            foreach (var e in init.History)
            {
                Apply(e);
            }

            OnStart();
        }
        catch (Exception ex)
        {
            // An entity that cannot start is not restarted in a loop: the runtime reports it and stops it.
            _changes.Clear();
            Sender.Tell(new EntityReady(init.EntityId, [], 0, new EntityFault(ex.GetType().Name, ex.Message)));
            Context.Stop(Self);
            return;
        }

        var subscriptions = _changes.Select(c => c.Change).ToImmutableArray();
        _changes.Clear();
        Sender.Tell(new EntityReady(init.EntityId, subscriptions, StateChecksum()));

        // Work that arrived during the rebuild goes back to the front of the mailbox and is handled one message at
        // a time: if one of them throws, the rest are still in the mailbox for the next rebuild.
        ((IActorStash)this).Stash.UnstashAll();
    }

    /// <summary>
    /// The state to hand to the next incarnation after a restart: nothing to hand over for an entity that keeps no
    /// state (it does not override <see cref="Apply(Event)"/>), null (replay the history) for one that does.
    /// </summary>
    private protected virtual StateCarry? CarriedState() => KeepsState(GetType()) ? null : new StateCarry(null);

    /// <summary>Whether entities of <paramref name="entityType"/> fold their own events into state (override <c>Apply(Event)</c>).</summary>
    internal static bool KeepsState(Type entityType) => StatefulTypes.GetOrAdd(entityType, static type =>
        type.GetMethod(nameof(Apply), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic, [typeof(Event)])?.DeclaringType != typeof(SimulationEntity));

    /// <summary>Sets the state an initialization starts from (before its history is applied).</summary>
    private protected virtual void RestoreState(InitializeEntity init)
    {
    }

    /// <summary>The entity's state for a snapshot (JSON and its version), if it keeps its state as a value.</summary>
    private protected virtual (string Json, int Version)? SnapshotState() => null;

    /// <summary>The state <paramref name="events"/> give from the initial state, as for a snapshot, if the entity keeps its state as a value.</summary>
    private protected virtual (string Json, int Version)? FoldedState(ImmutableArray<Event> events) => null;

    private void ReportState(ReportEntityState report)
    {
        var state = report.Fold is { } fold ? FoldedState(fold) : SnapshotState();
        Sender.Tell(new EntityStateReport(report.Tick, EntityId, state?.Json, state?.Version ?? 0));
    }

    private void BeginTick(long tick)
    {
        if (tick != _tick)
        {
            _tick = tick;
            _random = null;
        }
    }
}
