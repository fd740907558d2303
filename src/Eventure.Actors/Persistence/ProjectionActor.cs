using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Eventure.Actors.Persistence;

/// <summary>
/// Runs a <see cref="Projection{TState}"/> over one simulation's journal with Akka.Persistence.Query:
/// catch-up from the stored offset, then live. Events of a tick are applied when the tick's marker arrives,
/// and then the state and offset are stored together (a snapshot of persistence id
/// <c>projection-{name}-{simulationId}</c>), so a restarted projection resumes without gaps or duplicates.
/// </summary>
/// <typeparam name="TState">The read model.</typeparam>
/// <remarks>Create it with <see cref="ProjectionActor.Props{TState}"/>.</remarks>
internal sealed class ProjectionActor<TState> : ReceivePersistentActor
{
    private readonly Projection<TState> _projection;
    private readonly string _journalPersistenceId;
    private readonly string _readJournalId;
    private readonly JsonSerializerOptions _json;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<Event> _pending = [];
    private readonly HashSet<IActorRef> _subscribers = [];
    private TState _state;
    private long _offset;
    private long _lastTick = -1;
    private long _storedTick = -1;

    // The ticks of the offset saves in flight, oldest first (the snapshot store answers saves in order).
    private readonly Queue<long> _saving = new();
    private UniqueKillSwitch? _stream;

    /// <summary>Creates the actor; use <see cref="ProjectionActor.Props{TState}"/>.</summary>
    public ProjectionActor(Projection<TState> projection, string simulationId, string readJournalId, JsonSerializerOptions? json)
    {
        EventureExtension.Get(Context.System);
        _projection = projection;
        _journalPersistenceId = EventLogActor.PersistenceIdOf(simulationId);
        _readJournalId = readJournalId;
        _json = json ?? JsonSerializerOptions.Default;
        _state = projection.Initial;
        PersistenceId = $"projection-{projection.Name}-{simulationId}";

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is ProjectionSnapshot snapshot)
            {
                _state = JsonSerializer.Deserialize<TState>(snapshot.StateJson, _json)!;
                _offset = snapshot.Offset;
                _lastTick = snapshot.LastTick;
                _storedTick = snapshot.LastTick;
            }
        });
        Recover<RecoveryCompleted>(_ => StartStream());

        Command<StreamInit>(_ => Sender.Tell(StreamAck.Instance));
        Command<EventEnvelope>(OnEnvelope);
        Command<StreamDone>(_ => _log.Info("Projection {0}: the journal stream ended", PersistenceId));
        Command<Status.Failure>(failure => throw new InvalidOperationException($"Projection {PersistenceId}: the journal stream failed.", failure.Cause));
        Command<GetProjectionState>(_ => Sender.Tell(new ProjectionState<TState>(_state, _lastTick, _offset, _storedTick)));
        Command<IActorRef>(subscriber => _subscribers.Add(subscriber));
        Command<SaveSnapshotSuccess>(success =>
        {
            _storedTick = _saving.Count > 0 ? _saving.Dequeue() : _storedTick;
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failure =>
        {
            _saving.TryDequeue(out _);
            _log.Warning("Projection {0}: storing the offset failed: {1}", PersistenceId, failure.Cause.Message);
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _stream?.Shutdown();
        base.PostStop();
    }

    private void StartStream()
    {
        var journal = PersistenceQuery.Get(Context.System).ReadJournalFor<IEventsByPersistenceIdQuery>(_readJournalId);
        var self = Self;
        _stream = journal.EventsByPersistenceId(_journalPersistenceId, _offset + 1, long.MaxValue)
            .ViaMaterialized(KillSwitches.Single<EventEnvelope>(), Keep.Right)
            .To(Sink.ActorRefWithAck<EventEnvelope>(self, StreamInit.Instance, StreamAck.Instance, StreamDone.Instance, ex => new Status.Failure(ex)))
            .Run(Context.Materializer());
    }

    private void OnEnvelope(EventEnvelope envelope)
    {
        switch (envelope.Event)
        {
            case JournaledEvent journaled:
                _pending.Add(journaled.Event);
                Sender.Tell(StreamAck.Instance);
                break;
            case TickMarker marker:
                var sender = Sender;
                ApplyTick(marker.Tick, marker.EventCount, envelope.SequenceNr);
                sender.Tell(StreamAck.Instance);
                break;
            case TickRow row:
                var from = Sender;
                _pending.Clear();
                _pending.AddRange(row.Events.Select(e => e.Event));
                ApplyTick(row.Tick, row.Events.Length, envelope.SequenceNr);
                from.Tell(StreamAck.Instance);
                break;
            default:
                Sender.Tell(StreamAck.Instance);
                break;
        }
    }

    private void ApplyTick(long tick, int eventCount, long sequenceNr)
    {
        // Only the last eventCount pending events belong to the tick; anything earlier is an unfinished tick.
        var start = Math.Max(0, _pending.Count - eventCount);
        for (var i = start; i < _pending.Count; i++)
        {
            _state = _projection.Apply(_state, _pending[i]);
        }

        _pending.Clear();
        _offset = sequenceNr;
        _lastTick = tick;
        _saving.Enqueue(_lastTick);
        SaveSnapshot(new ProjectionSnapshot(_offset, _lastTick, JsonSerializer.Serialize(_state, _json)));
        var advanced = new ProjectionAdvanced(_projection.Name, tick, sequenceNr);
        foreach (var subscriber in _subscribers)
        {
            subscriber.Tell(advanced);
        }
    }

    private sealed record StreamInit : IEventureMessage
    {
        public static StreamInit Instance { get; } = new();
    }

    private sealed record StreamAck : IEventureMessage
    {
        public static StreamAck Instance { get; } = new();
    }

    private sealed record StreamDone : IEventureMessage
    {
        public static StreamDone Instance { get; } = new();
    }
}

/// <summary>Creates projection actors.</summary>
public static class ProjectionActor
{
    /// <summary>
    /// The props of <paramref name="projection"/> over <paramref name="simulationId"/>. Send the actor an
    /// <see cref="IActorRef"/> to receive <see cref="ProjectionAdvanced"/> after every tick.
    /// </summary>
    public static Props Props<TState>(Projection<TState> projection, string simulationId, string readJournalId = "akka.persistence.query.journal.sql", JsonSerializerOptions? json = null)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentException.ThrowIfNullOrEmpty(simulationId);
        return Akka.Actor.Props.Create(() => new ProjectionActor<TState>(projection, simulationId, readJournalId, json));
    }
}
