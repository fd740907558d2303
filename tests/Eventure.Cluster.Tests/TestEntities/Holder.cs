using Akka.Actor;
using Eventure.Actors;

namespace Eventure.Cluster.Tests.TestEntities;

/// <summary>
/// Holds one tick open on request, so a test can take a node down mid-tick: when <see cref="Gate"/> is armed for the
/// current tick, the holder defers its Tick answer, reports where it lives, and answers once the test releases the gate
/// (or at once on the tick's rerun). Unarmed it is a quiet entity that publishes a heartbeat every other tick.
/// </summary>
public sealed class Holder : SimulationEntity
{
    /// <summary>The one gate of the test process (specs that arm it do not run in parallel: one collection).</summary>
    public static HoldGate Gate { get; } = new();

    protected override void OnTick(long tick)
    {
        if (tick % 2 == 0)
        {
            Publish("holder.beat", new Dictionary<string, object?> { ["tick"] = tick });
        }

        if (Gate.TryHold(tick, Self.Path.Address) is { } release)
        {
            var reply = DeferReply();
            release.PipeTo(Self, success: () => new Released(reply));
        }
    }

    protected override void OnOtherMessage(object message)
    {
        if (message is Released released)
        {
            released.Reply.Complete();
        }
    }

    private sealed record Released(DeferredReply Reply) : INoSerializationVerificationNeeded;
}

/// <summary>Arms a hold at one tick, once; tells the test where the holder lives and lets it release the tick.</summary>
public sealed class HoldGate
{
    private readonly Lock _gate = new();
    private long _tick = -1;
    private TaskCompletionSource<Address> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the holder's address once it holds the armed tick.</summary>
    public Task<Address> Held => _held.Task;

    /// <summary>Holds tick <paramref name="tick"/> the first time it runs.</summary>
    public void Arm(long tick)
    {
        lock (_gate)
        {
            (_tick, _held, _release) = (tick, new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    /// <summary>Lets the held tick finish, and disarms.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _tick = -1;
            _release.TrySetResult();
        }
    }

    internal Task? TryHold(long tick, Address address)
    {
        lock (_gate)
        {
            if (tick != _tick || _held.Task.IsCompleted)
            {
                return null;
            }

            _held.TrySetResult(address);
            return _release.Task;
        }
    }
}
