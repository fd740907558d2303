using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace Eventure.Actors.Persistence;

/// <summary>
/// The single writer of a simulation's journal: a persistent actor (persistence id <c>eventure-{simulationId}</c>)
/// that stores each tick as one row, and what is accepted between ticks (input, spawns, despawns) as a row of its
/// own before it is acknowledged. It keeps no history in memory: readers read the rows.
/// </summary>
/// <remarks>
/// <para>Recovery folds the newest runtime snapshot and the rows after it into what a resume needs
/// (<c>JournalRecovery</c>), hands that to the coordinator once, and forgets it. Every
/// <c>eventure.snapshot.every-ticks</c> ticks the coordinator is told a snapshot is due; it collects the runtime's
/// state (never a copy of the log) and the log saves it, keeping the newest <c>eventure.snapshot.keep</c>.</para>
/// <para>A write the journal refuses or fails is answered as a failure
/// with the cause, so the simulation stops with a clear error instead of losing anything silently. Journals written
/// before rows existed (an entry per event and a tick marker) are read and resumed as before.</para>
/// </remarks>
public sealed class EventLogActor : ReceivePersistentActor
{
    /// <summary>The tag every tick row carries (with its event types), for queries over ticks.</summary>
    public const string TickTag = "eventure.tick";

    /// <summary>The most rows one journal write carries (rows queued behind a write in flight go together).</summary>
    private const int MaxRowsPerWrite = 64;

    private readonly EventLogSettings _settings;
    private readonly string _simulationId;
    private readonly long _recoveryStarted = EventureTelemetry.Now();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<long> _snapshots = [];
    private readonly Queue<Pending> _queue = new();
    private JournalRecovery? _recovery = new();
    private RecoveredState? _recovered;
    private long _lastTick = -1;
    private Pending[]? _writing;
    private bool _savingSnapshot;
    private string? _refusing;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public EventLogActor(string simulationId, EventLogSettings? settings)
    {
        PersistenceId = PersistenceIdOf(simulationId);
        _simulationId = simulationId;
        // Loads Eventure into the system (serializer, defaults) before recovery reads anything.
        _settings = settings ?? EventureExtension.Get(Context.System).LogSettings;

        Recover<SnapshotOffer>(offer =>
        {
            _snapshots.Add(offer.Metadata.SequenceNr);
            switch (offer.Snapshot)
            {
                case RuntimeSnapshot runtime:
                    _recovery!.Offer(runtime);
                    break;
                case LogSnapshot legacy:
                    _recovery!.Offer(legacy);
                    break;
            }
        });
        Recover<RecoveryCompleted>(_ =>
        {
            _recovered = _recovery!.Result() with { SnapshotEveryTicks = _settings.EveryTicks };
            _lastTick = _recovered.LastTick;
            _recovery = null;
            EventureTelemetry.Recovered(_simulationId, _recoveryStarted);
        });
        Recover<object>(entry =>
        {
            var payload = entry is Tagged tagged ? tagged.Payload : entry;
            _recovery!.Apply(payload);
            if (payload is TickRow or TickMarker)
            {
                EventureTelemetry.RecoveredTick(_simulationId);
            }
        });

        Command<StoreTick>(store => Write(store.Record.Tick, TickRow.Of(store.Record)));
        Command<AppendTick>(append => Write(append.Tick, append.Sources.Length == append.Events.Length ? TickRow.Of(append) : null));
        Command<StoreAccepted>(accept =>
        {
            if (_refusing is not null)
            {
                Sender.Tell(new AcceptFailed(accept.Request, Refused));
                return;
            }

            Enqueue(new Pending.Accepted(Sender, accept));
        });
        Command<SaveRuntimeSnapshot>(save =>
        {
            // After a failed write the rows before this boundary are not all stored: no snapshot of it.
            if (_refusing is null)
            {
                Enqueue(new Pending.Snapshot(save.Snapshot));
            }
        });
        Command<GetRecovery>(_ =>
        {
            // Handed over once; asked again (a log shared by simulations), it is read anew.
            if (_recovered is { } recovered)
            {
                Sender.Tell(recovered);
                _recovered = null;
                return;
            }

            Read(new RecoveryQuery(_settings.EveryTicks));
        });
        Command<GetEventLog>(_ => Read(new EventLogQuery()));
        Command<GetEventLogAtTick>(get => Read(new EventLogQuery(get.Tick)));
        Command<GetStoredTicks>(get => Read(new StoredTicksQuery(get.FromTick)));
        Command<GetOwnHistory>(get => Read(new OwnHistoryQuery(get)));
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(failure =>
        {
            _log.Warning("Simulation log {0}: snapshot at sequence {1} failed: {2}", PersistenceId, failure.Metadata.SequenceNr, failure.Cause.Message);
            SnapshotDone();
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure =>
            _log.Warning("Simulation log {0}: deleting old snapshots failed: {1}", PersistenceId, failure.Cause.Message));
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <summary>The persistence id of <paramref name="simulationId"/>'s log.</summary>
    public static string PersistenceIdOf(string simulationId) => $"eventure-{simulationId}";

    /// <summary>
    /// The props of the log of <paramref name="simulationId"/>; without <paramref name="settings"/> it uses the actor
    /// system's <c>eventure.snapshot.*</c> (<see cref="EventureExtension.LogSettings"/>).
    /// </summary>
    public static Props Props(string simulationId, EventLogSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(simulationId);
        return Akka.Actor.Props.Create(() => new EventLogActor(simulationId, settings));
    }

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        Context.Parent.Tell(new LogFailed($"recovering {PersistenceId} from the journal failed ({reason.GetType().Name}: {reason.Message})"));
        base.OnRecoveryFailure(reason, message);
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Refuse(WriterFence.Describe(cause, PersistenceId, sequenceNr) ?? $"the journal failed to write it ({cause.GetType().Name}: {cause.Message}); the log actor stops");
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        Refuse($"the journal rejected it ({cause.GetType().Name}: {cause.Message})");
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private string Refused => $"an earlier write failed ({_refusing}); nothing after it is stored";

    private void Write(long tick, TickRow? row)
    {
        var reason = _refusing is not null ? Refused
            : tick <= _lastTick ? $"tick {tick} is not after the last stored tick {_lastTick}"
            : row is null ? $"tick {tick} has not one source per event"
            : null;
        if (reason is not null)
        {
            Sender.Tell(new AppendTickFailed(tick, reason));
            return;
        }

        _lastTick = tick;
        Enqueue(new Pending.Tick(Sender, row!, EventureTelemetry.Now()));
    }

    /// <summary>Queues a write, a snapshot or a read behind everything sent before it, then starts the next write if none is in flight.</summary>
    private void Enqueue(Pending pending)
    {
        _queue.Enqueue(pending);
        Drain();
    }

    /// <summary>
    /// Works through the queue while no write is in flight: reads and snapshots in their place (a snapshot's sequence
    /// number is its tick's row), and every run of consecutive rows (ticks and accepted rows, up to
    /// <see cref="MaxRowsPerWrite"/>) as one atomic write. Rows that arrive meanwhile wait and go together in the next
    /// write, so a fast producer pays one journal round trip per batch, not per tick.
    /// </summary>
    private void Drain()
    {
        while (_writing is null && !_savingSnapshot && _queue.TryPeek(out var head))
        {
            switch (head)
            {
                case Pending.Read read:
                    _queue.Dequeue();
                    Context.ActorOf(JournalReplayActor.Props(PersistenceId, Journal, read.Query, read.ReplyTo));
                    continue;
                case Pending.Snapshot snapshot:
                    // What follows waits for the save's answer, so the old snapshots' deletion is under way before any
                    // later tick is acknowledged (a simulation stopped right after its run still keeps the newest N).
                    _queue.Dequeue();
                    _savingSnapshot = true;
                    SaveSnapshot(snapshot.Value);
                    continue;
            }

            var batch = new List<Pending>();
            while (batch.Count < MaxRowsPerWrite && _queue.TryPeek(out var next) && next is Pending.Tick or Pending.Accepted)
            {
                batch.Add(_queue.Dequeue());
            }

            Persist([.. batch]);
        }
    }

    private void Persist(Pending[] batch)
    {
        _writing = batch;
        var done = 0;
        PersistAllAsync(batch.Select(Payload), _ =>
        {
            if (++done < batch.Length)
            {
                return;
            }

            _writing = null;
            foreach (var item in batch)
            {
                if (item is Pending.Tick tickRow)
                {
                    EventureTelemetry.Persisted(_simulationId, tickRow.Received);
                }

                item.ReplyTo.Tell(item switch
                {
                    Pending.Tick tick => new TickAppended(tick.Row.Tick, tick.Row.Events.Length, tick.Row.Checksum),
                    Pending.Accepted accepted => new AcceptedStored(accepted.Request.Request),
                    _ => throw new InvalidOperationException($"{item.GetType().Name} is not a row"),
                });
            }

            Drain();
        });
    }

    private static Tagged Payload(Pending row) => row switch
    {
        Pending.Tick tick => new Tagged(tick.Row, tick.Row.Events.Select(e => e.Event.Type).Append(TickTag).Distinct(StringComparer.Ordinal).ToImmutableHashSet()),
        Pending.Accepted accepted => new Tagged(accepted.Request.Row, ImmutableHashSet<string>.Empty),
        _ => throw new InvalidOperationException($"{row.GetType().Name} is not a row"),
    };

    /// <summary>
    /// A write failed or was refused: its rows and every write queued after it are answered with the reason, and so is
    /// every later write (a tick must never be stored after one that is missing). Reads still run.
    /// </summary>
    private void Refuse(string reason)
    {
        if (_writing is not { } batch)
        {
            return;
        }

        _refusing ??= reason;
        _writing = null;
        var waiting = _queue.ToArray();
        _queue.Clear();
        foreach (var item in batch.Concat(waiting))
        {
            switch (item)
            {
                case Pending.Tick tick:
                    item.ReplyTo.Tell(new AppendTickFailed(tick.Row.Tick, $"tick {tick.Row.Tick} was not stored: {reason}"));
                    break;
                case Pending.Accepted accepted:
                    item.ReplyTo.Tell(new AcceptFailed(accepted.Request.Request, $"it was not stored: {reason}"));
                    break;
                case Pending.Read:
                    _queue.Enqueue(item);
                    break;
            }
        }

        Drain();
    }

    private void Read(JournalQuery query) => Enqueue(new Pending.Read(Sender, query));

    private void OnSnapshotSaved(SaveSnapshotSuccess success)
    {
        _snapshots.Add(success.Metadata.SequenceNr);
        if (_snapshots.Count > _settings.Keep)
        {
            var newestToDelete = _snapshots[_snapshots.Count - _settings.Keep - 1];
            _snapshots.RemoveRange(0, _snapshots.Count - _settings.Keep);
            DeleteSnapshots(new SnapshotSelectionCriteria(newestToDelete));
        }

        SnapshotDone();
    }

    private void SnapshotDone()
    {
        _savingSnapshot = false;
        Drain();
    }

    /// <summary>What waits in the log's queue, in arrival order.</summary>
    private abstract record Pending(IActorRef ReplyTo)
    {
        public sealed record Tick(IActorRef ReplyTo, TickRow Row, long Received) : Pending(ReplyTo);

        public sealed record Accepted(IActorRef ReplyTo, StoreAccepted Request) : Pending(ReplyTo);

        public sealed record Snapshot(RuntimeSnapshot Value) : Pending(ActorRefs.Nobody);

        public sealed record Read(IActorRef ReplyTo, JournalQuery Query) : Pending(ReplyTo);
    }
}
