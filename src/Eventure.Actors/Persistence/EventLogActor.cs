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

    private readonly EventLogSettings _settings;
    private readonly string _simulationId;
    private readonly long _recoveryStarted = EventureTelemetry.Now();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<long> _snapshots = [];
    private JournalRecovery? _recovery = new();
    private RecoveredState? _recovered;
    private long _lastTick = -1;
    private (IActorRef ReplyTo, long Request)? _writing;

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
            _recovered = _recovery!.Result() with { SupportsSnapshots = true };
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
        Command<StoreAccepted>(Accept);
        Command<SaveRuntimeSnapshot>(save => SaveSnapshot(save.Snapshot));
        Command<GetRecovery>(_ =>
        {
            // Handed over once; asked again (a log shared by simulations), it is read anew.
            if (_recovered is { } recovered)
            {
                Sender.Tell(recovered);
                _recovered = null;
                return;
            }

            Read(new RecoveryQuery());
        });
        Command<GetEventLog>(_ => Read(new EventLogQuery()));
        Command<GetEventLogAtTick>(get => Read(new EventLogQuery(get.Tick)));
        Command<GetStoredTicks>(get => Read(new StoredTicksQuery(get.FromTick)));
        Command<GetOwnHistory>(get => Read(new OwnHistoryQuery(get)));
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(failure =>
            _log.Warning("Simulation log {0}: snapshot at sequence {1} failed: {2}", PersistenceId, failure.Metadata.SequenceNr, failure.Cause.Message));
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
        Refuse(@event, WriterFence.Describe(cause, PersistenceId, sequenceNr) ?? $"the journal failed to write it ({cause.GetType().Name}: {cause.Message}); the log actor stops");
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        Refuse(@event, $"the journal rejected it ({cause.GetType().Name}: {cause.Message})");
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void Write(long tick, TickRow? row)
    {
        var reason = _writing is not null ? $"another write is still in progress"
            : tick <= _lastTick ? $"tick {tick} is not after the last stored tick {_lastTick}"
            : row is null ? $"tick {tick} has not one source per event"
            : null;
        if (reason is not null)
        {
            Sender.Tell(new AppendTickFailed(tick, reason));
            return;
        }

        _writing = (Sender, tick);
        var sender = Sender;
        var tags = row!.Events.Select(e => e.Event.Type).Append(TickTag).Distinct(StringComparer.Ordinal).ToImmutableHashSet();
        var started = EventureTelemetry.Now();
        Persist(new Tagged(row, tags), _ =>
        {
            EventureTelemetry.Persisted(_simulationId, started);
            _writing = null;
            _lastTick = row.Tick;
            var due = _settings.EveryTicks > 0 && (row.Tick + 1) % _settings.EveryTicks == 0;
            sender.Tell(new TickAppended(row.Tick, row.Events.Length, row.Checksum, SnapshotDue: due));
        });
    }

    private void Accept(StoreAccepted accept)
    {
        if (_writing is not null)
        {
            Sender.Tell(new AcceptFailed(accept.Request, "another write is still in progress"));
            return;
        }

        _writing = (Sender, accept.Request);
        var sender = Sender;
        Persist(new Tagged(accept.Row, ImmutableHashSet<string>.Empty), _ =>
        {
            _writing = null;
            sender.Tell(new AcceptedStored(accept.Request));
        });
    }

    private void Refuse(object row, string reason)
    {
        if (_writing is not { } writing)
        {
            return;
        }

        _writing = null;
        writing.ReplyTo.Tell((row is Tagged tagged ? tagged.Payload : row) is TickRow tick
            ? new AppendTickFailed(tick.Tick, $"tick {tick.Tick} was not stored: {reason}")
            : new AcceptFailed(writing.Request, $"it was not stored: {reason}"));
    }

    private void Read(JournalQuery query) =>
        Context.ActorOf(JournalReplayActor.Props(PersistenceId, Journal, query, Sender));

    private void OnSnapshotSaved(SaveSnapshotSuccess success)
    {
        _snapshots.Add(success.Metadata.SequenceNr);
        if (_snapshots.Count > _settings.Keep)
        {
            var newestToDelete = _snapshots[_snapshots.Count - _settings.Keep - 1];
            _snapshots.RemoveRange(0, _snapshots.Count - _settings.Keep);
            DeleteSnapshots(new SnapshotSelectionCriteria(newestToDelete));
        }
    }
}
