using Akka.Actor;
using Eventure.Actors;

namespace Eventure.TestSupport;

/// <summary>
/// A deferred reply finished after an asynchronous delay: piped back to the entity, which calls <see cref="Run"/>
/// from its <c>OnOtherMessage</c>, so the reply is completed on the entity's own thread.
/// </summary>
/// <remarks>It carries a live reply handle and a delegate: local by nature, so exempt from serialization checks.</remarks>
/// <param name="Reply">The open reply.</param>
/// <param name="Finish">What to publish (or decide) through the reply before it is completed.</param>
public sealed record ReplyLater(DeferredReply Reply, Action<DeferredReply> Finish) : INoSerializationVerificationNeeded
{
    /// <summary>Pipes a <see cref="ReplyLater"/> to <paramref name="self"/> once <paramref name="delay"/> has passed.</summary>
    public static void After(TimeSpan delay, DeferredReply reply, IActorRef self, Action<DeferredReply> finish) =>
        Task.Delay(delay).ContinueWith(_ => new ReplyLater(reply, finish), TaskScheduler.Default).PipeTo(self);

    /// <summary>
    /// For an entity's <c>OnOtherMessage</c>: runs <paramref name="message"/> when it is a <see cref="ReplyLater"/>;
    /// false for any other message.
    /// </summary>
    public static bool TryRun(object message)
    {
        if (message is not ReplyLater later)
        {
            return false;
        }

        later.Run();
        return true;
    }

    /// <summary>Runs <see cref="Finish"/>, then completes the reply.</summary>
    public void Run()
    {
        Finish(Reply);
        Reply.Complete();
    }
}
