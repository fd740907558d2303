using System.Collections.Immutable;
using System.Text.Json;

namespace Eventure.Actors;

/// <summary>
/// A simulation entity whose state is an immutable value, changed only by a pure <see cref="Apply(TState, Event)"/>
/// over the entity's own events. The runtime snapshots the state (System.Text.Json), hands it to the next
/// incarnation when the entity restarts after a fault, and rebuilds it on resume from the newest snapshot plus
/// the events after it: neither a restart nor a resume replays the entity's whole history.
/// </summary>
/// <typeparam name="TState">The state: an immutable value (a record) that System.Text.Json can write and read.</typeparam>
/// <remarks>
/// <para>Publish events that describe each decision; the state follows when they are applied (as soon as they have
/// their ids, a <c>PublishAt</c> event at its target tick). <see cref="State"/> is therefore always the fold of the
/// entity's own events so far, which is what a rebuild from the journal gives.</para>
/// <para>Snapshots store the state as JSON with <see cref="StateVersion"/>. When you change <typeparamref name="TState"/>
/// in a way old JSON cannot be read as, raise the version and override <see cref="ReadState"/> to upgrade older
/// versions. Dictionaries keep their order through JSON; prefer sorted collections where order matters.</para>
/// </remarks>
/// <example>
/// <code>
/// public sealed record Wallet(long Coins);
///
/// public sealed class Miner : SimulationEntity&lt;Wallet&gt;
/// {
///     protected override Wallet InitialState =&gt; new(0);
///
///     protected override void OnTick(long tick) =&gt; Publish("coin.mined", new Dictionary&lt;string, object?&gt; { ["coins"] = State.Coins + 1 });
///
///     protected override Wallet Apply(Wallet state, Event e) =&gt;
///         e.Type == "coin.mined" ? state with { Coins = (long)e.Data["coins"]! } : state;
/// }
/// </code>
/// </example>
public abstract class SimulationEntity<TState> : SimulationEntity
{
    /// <summary>The id of a publish folded into <see cref="Projected"/> before it has its real one.</summary>
    public const string ProvisionalId = "provisional";

    private readonly List<(int Unit, Event Event)> _provisional = [];
    private TState? _state;
    private bool _hasState;
    private TState? _projected;
    private bool _hasProjected;

    /// <summary>The entity's state: the fold of its own stored events (those that have their ids).</summary>
    protected TState State => _hasState ? _state! : InitialState;

    /// <summary>
    /// <see cref="State"/> with what the entity published in the current tick and has not got back with ids yet
    /// folded in (as events without id or timestamp): what the entity has decided so far. Use it when one wave brings
    /// several deliveries whose effects build on each other (two fills to settle); <see cref="State"/> catches up
    /// when the ids come back, in the next wave.
    /// </summary>
    protected TState Projected => _hasProjected ? _projected! : State;

    /// <summary>The state before the entity's first event.</summary>
    protected abstract TState InitialState { get; }

    /// <summary>The version of the state's JSON in snapshots (raise it when old JSON must be upgraded).</summary>
    protected virtual int StateVersion => 1;

    /// <summary>How the state is written to and read from snapshots.</summary>
    protected virtual JsonSerializerOptions StateJsonOptions => JsonSerializerOptions.Default;

    /// <summary>Applies one of the entity's own events to <paramref name="state"/>. Keep it pure.</summary>
    /// <param name="state">The state before the event.</param>
    /// <param name="e">One of the entity's own events.</param>
    /// <returns>The state after it.</returns>
    protected abstract TState Apply(TState state, Event e);

    /// <summary>Reads the state from a snapshot written at <paramref name="version"/> (override to upgrade older versions).</summary>
    /// <exception cref="JsonException">The JSON cannot be read as the state.</exception>
    protected virtual TState ReadState(int version, string json) =>
        JsonSerializer.Deserialize<TState>(json, StateJsonOptions) ?? throw new JsonException($"The snapshot state of {EntityId} is null.");

    /// <summary>Writes the state for a snapshot.</summary>
    protected virtual string WriteState(TState state) => JsonSerializer.Serialize(state, StateJsonOptions);

    /// <inheritdoc />
    protected sealed override void Apply(Event e)
    {
        _state = Apply(State, e);
        _hasState = true;
    }

    private protected override void WorkStarted()
    {
        _provisional.Clear();
        _hasProjected = false;
    }

    private protected override void Emitted(Emission emission, int unit)
    {
        if (emission.AtTick is not null)
        {
            return;
        }

        var provisional = new Event(CurrentTick, 0, emission.Type, emission.Data, ProvisionalId, emission.ParentId);
        _provisional.Add((unit, provisional));
        _projected = Apply(Projected, provisional);
        _hasProjected = true;
    }

    private protected override void RolledBack(int unit)
    {
        if (_provisional.RemoveAll(p => p.Unit == unit) > 0)
        {
            _projected = _provisional.Aggregate(State, (state, p) => Apply(state, p.Event));
            _hasProjected = _provisional.Count > 0;
        }
    }

    private protected override StateCarry? CarriedState() => new(State, _provisional.ToList());

    private protected override void RestoreState(InitializeEntity init)
    {
        (_state, _hasState) = init switch
        {
            { Carried: { } carried } => ((TState?)carried.State, true),
            { StateJson: { } json } => (ReadState(init.StateVersion, json), true),
            _ => (default, false),
        };
        _provisional.Clear();
        if (init.Carried?.Provisional is List<(int Unit, Event Event)> provisional)
        {
            // What it published before the fault in the same wave stays part of its projection.
            _provisional.AddRange(provisional);
        }

        _projected = _provisional.Aggregate(State, (state, p) => Apply(state, p.Event));
        _hasProjected = _provisional.Count > 0;
    }

    private protected override (string Json, int Version)? SnapshotState() => (WriteState(State), StateVersion);

    private protected override (string Json, int Version)? FoldedState(ImmutableArray<Event> events) =>
        (WriteState(events.Aggregate(InitialState, Apply)), StateVersion);
}
