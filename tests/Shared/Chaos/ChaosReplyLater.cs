using Akka.Actor;
using Eventure.Actors;

namespace Eventure.TestSupport.Chaos;

/// <summary>
/// A deferred reply finished after a short asynchronous delay: piped back to the entity, which calls <see cref="Run"/>
/// from its <c>OnOtherMessage</c>, so the reply is completed on the entity's own thread.
/// </summary>
/// <param name="Reply">The open reply.</param>
/// <param name="Finish">What to publish through the reply before it is completed.</param>
public sealed record ChaosReplyLater(DeferredReply Reply, Action<DeferredReply> Finish) : INoSerializationVerificationNeeded
{
    /// <summary>Pipes a <see cref="ChaosReplyLater"/> to <paramref name="self"/> once <paramref name="delay"/> has passed.</summary>
    public static void After(TimeSpan delay, DeferredReply reply, IActorRef self, Action<DeferredReply> finish) =>
        Task.Delay(delay).ContinueWith(_ => new ChaosReplyLater(reply, finish), TaskScheduler.Default).PipeTo(self);

    /// <summary>Runs <see cref="Finish"/>, then completes the reply.</summary>
    public void Run()
    {
        Finish(Reply);
        Reply.Complete();
    }
}
