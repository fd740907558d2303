using Akka.Actor;
using Eventure.Actors;

namespace Eventure.Cluster;

/// <summary>
/// Asks the singleton one question whose answer may be large (the log, the stored ticks) and passes the whole answer
/// on: the singleton's node sends it in <see cref="ReplyPart"/>s when it is remote, which this puts together. One per
/// question; it stops after answering, or when nothing arrives for its timeout.
/// </summary>
internal sealed class ReplyCollector : UntypedActor
{
    private readonly IActorRef _replyTo;
    private readonly ReplyAssembler _parts = new();

    /// <summary>Creates the collector; use <see cref="Props"/>.</summary>
    public ReplyCollector(IActorRef proxy, object question, IActorRef replyTo, TimeSpan timeout)
    {
        _replyTo = replyTo;
        proxy.Tell(question, Self);
        Context.SetReceiveTimeout(timeout);
    }

    /// <summary>The props of a collector that asks <paramref name="question"/> through <paramref name="proxy"/>.</summary>
    public static Props Props(IActorRef proxy, object question, IActorRef replyTo, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new ReplyCollector(proxy, question, replyTo, timeout));

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ReplyPart part:
                if (_parts.Take(part, Sender, Context.System) is { } whole)
                {
                    Answer(whole);
                }

                break;
            case ReceiveTimeout:
                Context.Stop(Self); // the asker timed out long ago
                break;
            default:
                Answer(message);
                break;
        }
    }

    private void Answer(object answer)
    {
        _replyTo.Tell(answer);
        Context.Stop(Self);
    }
}
