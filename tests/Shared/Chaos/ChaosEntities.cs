using Akka.Actor;
using Eventure.Actors;

namespace Eventure.TestSupport.Chaos;

/// <summary>A chaos entity's state: how much it published, the sum of its values, its last type and a running weight.</summary>
/// <param name="Published">How many of its own events it applied.</param>
/// <param name="Total">The sum of their <c>n</c>.</param>
/// <param name="Last">The type of the last one.</param>
/// <param name="Weight">A decaying average of <c>n</c> (a double, to go through snapshot JSON).</param>
public sealed record ChaosState(long Published, long Total, string Last, double Weight)
{
    /// <summary>Nothing applied yet.</summary>
    public static ChaosState Initial { get; } = new(0, 0, string.Empty, 0);

    /// <summary>The state after its own event <paramref name="e"/> (the one fold both chaos entities use).</summary>
    public ChaosState Apply(Event e)
    {
        var n = ChaosRules.ValueOf(e);
        return new ChaosState(Published + 1, Total + n, e.Type, (Weight * 0.5) + (n * 0.25));
    }

    /// <summary>The state's checksum.</summary>
    public long Checksum() => ChaosRules.Checksum(Published, Total, Last, Weight);
}

/// <summary>A chaos entity whose state is a value: handed to the next incarnation on a fault, snapshotted as JSON.</summary>
public sealed class ChaosValueEntity(ChaosKnobs knobs) : SimulationEntity<ChaosState>, IChaosHost
{
    string IChaosHost.Id => EntityId;

    long IChaosHost.Tick => CurrentTick;

    Random IChaosHost.Random => Random;

    IActorRef IChaosHost.Self => Self;

    long IChaosHost.Published => State.Published;

    protected override ChaosState InitialState => ChaosState.Initial;

    void IChaosHost.Publish(string type, IReadOnlyDictionary<string, object?> data) => Publish(type, data);

    void IChaosHost.PublishAt(long tick, string type, IReadOnlyDictionary<string, object?> data) => PublishAt(tick, type, data);

    void IChaosHost.Subscribe(string pattern) => Subscribe(pattern);

    void IChaosHost.Unsubscribe(string pattern) => Unsubscribe(pattern);

    void IChaosHost.Despawn() => Despawn();

    DeferredReply IChaosHost.DeferReply() => DeferReply();

    protected override void OnStart() => ChaosRules.OnStart(this, knobs);

    protected override void OnTick(long tick) => ChaosRules.OnTick(this, knobs, tick);

    protected override void OnEvent(Event e) => ChaosRules.OnEvent(this, knobs, e);

    protected override void OnOtherMessage(object message)
    {
        if (!ReplyLater.TryRun(message))
        {
            base.OnOtherMessage(message);
        }
    }

    protected override ChaosState Apply(ChaosState state, Event e) => state.Apply(e);

    protected override long StateChecksum() => State.Checksum();
}

/// <summary>A chaos entity that keeps its state in a field: rebuilt from its own events on a fault and on resume.</summary>
public sealed class ChaosReplayEntity(ChaosKnobs knobs) : SimulationEntity, IChaosHost
{
    private ChaosState _state = ChaosState.Initial;

    string IChaosHost.Id => EntityId;

    long IChaosHost.Tick => CurrentTick;

    Random IChaosHost.Random => Random;

    IActorRef IChaosHost.Self => Self;

    long IChaosHost.Published => _state.Published;

    void IChaosHost.Publish(string type, IReadOnlyDictionary<string, object?> data) => Publish(type, data);

    void IChaosHost.PublishAt(long tick, string type, IReadOnlyDictionary<string, object?> data) => PublishAt(tick, type, data);

    void IChaosHost.Subscribe(string pattern) => Subscribe(pattern);

    void IChaosHost.Unsubscribe(string pattern) => Unsubscribe(pattern);

    void IChaosHost.Despawn() => Despawn();

    DeferredReply IChaosHost.DeferReply() => DeferReply();

    protected override void OnStart() => ChaosRules.OnStart(this, knobs);

    protected override void OnTick(long tick) => ChaosRules.OnTick(this, knobs, tick);

    protected override void OnEvent(Event e) => ChaosRules.OnEvent(this, knobs, e);

    protected override void OnOtherMessage(object message)
    {
        if (!ReplyLater.TryRun(message))
        {
            base.OnOtherMessage(message);
        }
    }

    protected override void Apply(Event e) => _state = _state.Apply(e);

    protected override long StateChecksum() => _state.Checksum();
}
