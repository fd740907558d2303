using Akka.Actor;
using Akka.Persistence;

namespace Eventure.Actors.Persistence;

/// <summary>
/// Reads a simulation's journal rows in order, straight from the journal plugin (never a snapshot), a chunk at a
/// time so a long journal is never all in memory, feeds them to a <see cref="JournalQuery"/>, sends the answer to
/// whoever asked, and stops. Reading never writes.
/// </summary>
internal sealed class JournalReplayActor : UntypedActor
{
    private const int Chunk = 2_000;

    private readonly string _persistenceId;
    private readonly IActorRef _journal;
    private readonly JournalQuery _query;
    private readonly IActorRef _replyTo;
    private long _next = 1;
    private int _inChunk;

    /// <summary>Creates the reader; use <see cref="Props"/>.</summary>
    public JournalReplayActor(string persistenceId, IActorRef journal, JournalQuery query, IActorRef replyTo)
    {
        _persistenceId = persistenceId;
        _journal = journal;
        _query = query;
        _replyTo = replyTo;
    }

    /// <summary>The props of a reader that answers <paramref name="query"/> to <paramref name="replyTo"/>.</summary>
    public static Props Props(string persistenceId, IActorRef journal, JournalQuery query, IActorRef replyTo) =>
        Akka.Actor.Props.Create(() => new JournalReplayActor(persistenceId, journal, query, replyTo));

    /// <inheritdoc />
    protected override void PreStart() => Request();

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ReplayedMessage replayed:
                _next = replayed.Persistent.SequenceNr + 1;
                _inChunk++;
                _query.Take(replayed.Persistent.Payload is Akka.Persistence.Journal.Tagged tagged ? tagged.Payload : replayed.Persistent.Payload);
                break;
            case RecoverySuccess success:
                if (_inChunk == Chunk && !_query.Done)
                {
                    Request();
                    break;
                }

                ReplyParts.Send(Context.System, _replyTo, _query.Result(success.HighestSequenceNr), Self);
                Context.Stop(Self);
                break;
            case ReplayMessagesFailure failure:
                _replyTo.Tell(new Status.Failure(new InvalidOperationException($"Reading the journal of {_persistenceId} failed: {failure.Cause.Message}", failure.Cause)));
                Context.Stop(Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Request()
    {
        _inChunk = 0;
        _journal.Tell(new ReplayMessages(_next, long.MaxValue, Chunk, _persistenceId, Self));
    }
}

/// <summary>Reading a journal from outside any actor (the CLI, <see cref="JournalReader"/>).</summary>
internal static class JournalReading
{
    /// <summary>Reads <paramref name="persistenceId"/>'s journal (of the default journal plugin) with <paramref name="query"/>.</summary>
    public static async Task<T> AskAsync<T>(ActorSystem system, string persistenceId, JournalQuery query, TimeSpan timeout)
    {
        var journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
        var answer = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inbox = system.ActorOf(Akka.Actor.Props.Create(() => new Answer(answer)));
        system.ActorOf(JournalReplayActor.Props(persistenceId, journal, query, inbox));
        try
        {
            return await answer.Task.WaitAsync(timeout) switch
            {
                T result => result,
                Status.Failure failure => throw new InvalidOperationException(failure.Cause.Message, failure.Cause),
                var other => throw new InvalidOperationException($"Unexpected answer {other.GetType().Name} from the journal reader."),
            };
        }
        finally
        {
            system.Stop(inbox);
        }
    }

    /// <summary>Completes a task with the first message it receives.</summary>
    private sealed class Answer(TaskCompletionSource<object> answer) : UntypedActor
    {
        protected override void OnReceive(object message) => answer.TrySetResult(message);
    }
}
