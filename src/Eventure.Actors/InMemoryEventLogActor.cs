using Akka.Actor;
using Eventure.Actors.Persistence;

namespace Eventure.Actors;

/// <summary>
/// A log actor that keeps every row in memory (it is the journal): the default for tests and throwaway simulations.
/// It speaks the same protocol as the persistent <c>EventLogActor</c> and answers reads with the same queries.
/// </summary>
public sealed class InMemoryEventLogActor : ReceiveActor
{
    private readonly List<object> _rows = [];
    private long _lastTick = -1;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public InMemoryEventLogActor()
    {
        Receive<StoreTick>(store => Append(store.Record.Tick, TickRow.Of(store.Record)));
        Receive<AppendTick>(append => Append(append.Tick, append.Sources.Length == append.Events.Length ? TickRow.Of(append) : null));
        Receive<StoreAccepted>(accept =>
        {
            _rows.Add(accept.Row);
            Sender.Tell(new AcceptedStored(accept.Request));
        });
        Receive<GetRecovery>(_ => Sender.Tell(Read(new RecoveryQuery())));
        Receive<GetEventLog>(_ => Reply(new EventLogQuery()));
        Receive<GetEventLogAtTick>(get => Reply(new EventLogQuery(get.Tick)));
        Receive<GetStoredTicks>(get => Reply(new StoredTicksQuery(get.FromTick)));
        Receive<GetOwnHistory>(get => Reply(new OwnHistoryQuery(get)));
        Receive<SaveRuntimeSnapshot>(_ => { });
    }

    /// <summary>The props of an in-memory log.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new InMemoryEventLogActor());

    private void Append(long tick, TickRow? row)
    {
        if (tick <= _lastTick || row is null)
        {
            Sender.Tell(new AppendTickFailed(tick, row is null ? $"tick {tick} has not one source per event" : $"tick {tick} is not after the last stored tick {_lastTick}"));
            return;
        }

        _rows.Add(row);
        _lastTick = tick;
        Sender.Tell(new TickAppended(tick, row.Events.Length, row.Checksum));
    }

    /// <summary>Answers a read: in parts when the asker is on another node (a history outgrows a remote frame).</summary>
    private void Reply(JournalQuery query) => ReplyParts.Send(Context.System, Sender, Read(query), Self);

    private object Read(JournalQuery query)
    {
        foreach (var row in _rows)
        {
            query.Take(row);
        }

        return query.Result(_rows.Count);
    }
}
