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
    private TState? _state;
    private bool _hasState;

    /// <summary>The entity's state: the fold of its own events so far.</summary>
    protected TState State => _hasState ? _state! : InitialState;

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

    private protected override StateCarry? CarriedState() => new(State);

    private protected override void RestoreState(InitializeEntity init)
    {
        (_state, _hasState) = init switch
        {
            { Carried: { } carried } => ((TState?)carried.State, true),
            { StateJson: { } json } => (ReadState(init.StateVersion, json), true),
            _ => (default, false),
        };
    }

    private protected override (string Json, int Version)? SnapshotState() => (WriteState(State), StateVersion);
}
