namespace Eventure.Actors.Persistence;

/// <summary>
/// A read model built from a simulation's journal with a pure fold. Run it with
/// <see cref="ProjectionActor"/> (<c>ProjectionActor.Props(projection, simulationId)</c>): it catches up from its stored offset, then follows the journal live.
/// </summary>
/// <typeparam name="TState">The read model; it must round-trip through System.Text.Json (it is stored with its offset).</typeparam>
/// <example>
/// <code>
/// public sealed class EventCounts : Projection&lt;Dictionary&lt;string, long&gt;&gt;
/// {
///     public override string Name => "event-counts";
///     public override Dictionary&lt;string, long&gt; Initial => new();
///     public override Dictionary&lt;string, long&gt; Apply(Dictionary&lt;string, long&gt; state, Event e) =>
///         new(state) { [e.Type] = state.GetValueOrDefault(e.Type) + 1 };
/// }
/// </code>
/// </example>
public abstract class Projection<TState>
{
    /// <summary>A stable name: with the simulation id it names where the projection's offset is stored.</summary>
    public abstract string Name { get; }

    /// <summary>The state before any event.</summary>
    public abstract TState Initial { get; }

    /// <summary>The pure transition: the state after <paramref name="e"/>. Must not mutate <paramref name="state"/>.</summary>
    public abstract TState Apply(TState state, Event e);
}
