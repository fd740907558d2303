using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace Eventure.Actors.Persistence;

/// <summary>
/// The single writer of a simulation's events: a persistent actor (persistence id
/// <c>eventure-{simulationId}</c>) that stores each tick with one <c>PersistAll</c>: every event as its own
/// journal entry tagged with its type, then a <see cref="TickMarker"/>.
/// </summary>
/// <remarks>
/// <para>Recovery keeps only ticks whose marker was stored, so a crash in the middle of a tick leaves no
/// partial tick visible. Snapshots are taken at tick boundaries every <c>eventure.snapshot.every-ticks</c>
/// ticks; the newest <c>eventure.snapshot.keep</c> are kept and older ones deleted; a failed snapshot is
/// logged and changes nothing else.</para>
/// <para>A write the journal refuses or fails is answered with <see cref="AppendTickFailed"/> (with the
/// cause), so the simulation stops with a clear error instead of losing the tick silently.</para>
/// </remarks>
public sealed class EventLogActor : ReceivePersistentActor
{
    /// <summary>The tag every tick marker carries, for queries over ticks.</summary>
    public const string TickTag = "eventure.tick";

    private readonly EventLogSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<AppendTick> _ticks = [];
    private readonly List<JournaledEvent> _pending = [];
    private readonly List<long> _snapshots = [];
    private (long Tick, IActorRef ReplyTo)? _writing;
    private long _eventCount;
    private long _eventsInLastSnapshot;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public EventLogActor(string simulationId, EventLogSettings settings)
    {
        PersistenceId = PersistenceIdOf(simulationId);
        _settings = settings;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is LogSnapshot snapshot)
            {
                _ticks.Clear();
                _ticks.AddRange(snapshot.Ticks);
                _snapshots.Add(offer.Metadata.SequenceNr);
                _eventCount = _ticks.Sum(t => (long)t.Events.Length);
                _eventsInLastSnapshot = _eventCount;
            }
        });
        Recover<JournaledEvent>(_pending.Add);
        Recover<TickMarker>(CommitRecovered);
        Recover<RecoveryCompleted>(_ =>
        {
            if (_pending.Count > 0)
            {
                _log.Warning("Simulation log {0}: ignoring {1} event(s) of an unfinished tick after tick {2}", PersistenceId, _pending.Count, LastTick);
                _pending.Clear();
            }
        });

        Command<AppendTick>(Append);
        Command<GetEventLog>(_ => Sender.Tell(new EventLogResult(TimeTravel.LogOf(_ticks))));
        Command<GetEventLogAtTick>(get => Sender.Tell(new EventLogResult(TimeTravel.LogOf(_ticks, get.Tick))));
        Command<GetStoredTicks>(get => Sender.Tell(new StoredTicks(LastTick, [.. _ticks.Where(t => t.Tick >= get.FromTick)])));
        Command<GetOwnHistory>(get => Sender.Tell(TimeTravel.OwnHistoryOf(_ticks, get)));
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(failure =>
            _log.Warning("Simulation log {0}: snapshot at sequence {1} failed: {2}", PersistenceId, failure.Metadata.SequenceNr, failure.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure =>
            _log.Warning("Simulation log {0}: deleting old snapshots failed: {1}", PersistenceId, failure.Cause.Message));
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    private long LastTick => _ticks.Count == 0 ? -1 : _ticks[^1].Tick;

    /// <summary>The persistence id of <paramref name="simulationId"/>'s log.</summary>
    public static string PersistenceIdOf(string simulationId) => $"eventure-{simulationId}";

    /// <summary>The props of the log of <paramref name="simulationId"/>.</summary>
    public static Props Props(string simulationId, EventLogSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(simulationId);
        return Akka.Actor.Props.Create(() => new EventLogActor(simulationId, settings ?? EventLogSettings.Create(Akka.Configuration.Config.Empty)));
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
        ReplyFailure($"the journal failed to write it ({cause.GetType().Name}: {cause.Message}); the log actor stops");
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        ReplyFailure($"the journal rejected it ({cause.GetType().Name}: {cause.Message})");
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void CommitRecovered(TickMarker marker)
    {
        // The marker closes the last EventCount events; anything before them belongs to an unfinished tick.
        if (_pending.Count < marker.EventCount)
        {
            _log.Warning("Simulation log {0}: tick {1} marker expects {2} events but {3} were read; the tick is skipped", PersistenceId, marker.Tick, marker.EventCount, _pending.Count);
            _pending.Clear();
            return;
        }

        var events = _pending.GetRange(_pending.Count - marker.EventCount, marker.EventCount);
        _pending.Clear();
        if (marker.Tick <= LastTick)
        {
            return;
        }

        _ticks.Add(new AppendTick(marker.Tick, [.. events.Select(e => e.Event)], [.. events.Select(e => e.Source)], marker.Checksum, marker.Digest, marker.Version)
        {
            Inputs = events.Exists(e => e.IsInput) ? [.. events.Select(e => e.IsInput)] : [],
        });
        _eventCount += events.Count;
    }

    private void Append(AppendTick append)
    {
        if (_writing is not null || append.Tick <= LastTick || append.Sources.Length != append.Events.Length)
        {
            var reason = _writing is not null ? $"tick {_writing.Value.Tick} is still being written"
                : append.Tick <= LastTick ? $"tick {append.Tick} is not after the last stored tick {LastTick}"
                : $"tick {append.Tick} has {append.Events.Length} events but {append.Sources.Length} sources";
            Sender.Tell(new AppendTickFailed(append.Tick, reason));
            return;
        }

        var entries = new List<object>(append.Events.Length + 1);
        for (var i = 0; i < append.Events.Length; i++)
        {
            var e = append.Events[i];
            entries.Add(new Tagged(new JournaledEvent(e, append.Sources[i]) { IsInput = JournalInputs.IsMarked(append, i) }, [e.Type]));
        }

        entries.Add(new Tagged(new TickMarker(append.Tick, append.Events.Length, append.Checksum, append.Digest, append.Version), [TickTag]));
        _writing = (append.Tick, Sender);
        var remaining = entries.Count;
        PersistAll(entries, _ =>
        {
            if (--remaining > 0)
            {
                return;
            }

            _writing = null;
            _ticks.Add(append);
            _eventCount += append.Events.Length;
            Sender.Tell(new TickAppended(append.Tick, append.Events.Length, append.Checksum));
            if (SnapshotDue(append.Tick))
            {
                _eventsInLastSnapshot = _eventCount;
                SaveSnapshot(new LogSnapshot([.. _ticks]));
            }
        });
    }

    /// <summary>At a multiple of every-ticks, once the log has grown enough since the last snapshot.</summary>
    private bool SnapshotDue(long tick) =>
        _settings.EveryTicks > 0
        && (tick + 1) % _settings.EveryTicks == 0
        && (_eventsInLastSnapshot == 0 || _eventCount >= _eventsInLastSnapshot * _settings.Growth);

    private void ReplyFailure(string reason)
    {
        if (_writing is { } writing)
        {
            writing.ReplyTo.Tell(new AppendTickFailed(writing.Tick, $"tick {writing.Tick} was not stored: {reason}"));
            _writing = null;
        }
    }

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
