using System.Collections.Immutable;
using Eventure.Actors.Engine;

namespace Eventure.Actors.Persistence;

/// <summary>
/// Folds a simulation's journal (the newest runtime snapshot, then every row after it) into what a resume needs: the
/// live population with each entity's state and own events since the snapshot, the subscription index, the
/// schedule, and what waits for the next tick. Pure: fed one journal entry at a time, in order.
/// </summary>
/// <remarks>
/// Journals written before rows existed (an <c>ev</c> entry per event and a <c>tick</c> marker per tick, and
/// whole-log <c>snap</c> snapshots) fold the same way, with what they lack filled in as before: entities subscribe
/// again from <c>OnStart</c>, and nothing was scheduled.
/// </remarks>
internal sealed class JournalRecovery
{
    private readonly List<(string Id, string Kind)> _live = [];
    private readonly HashSet<string> _liveIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? State, int Version)> _states = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fromSnapshot = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Event>> _own = new(StringComparer.Ordinal);
    private readonly List<IndexStep> _steps = [];
    private readonly SortedDictionary<long, List<PendingEvent>> _schedule = [];
    private readonly List<PendingEvent> _waiting = [];
    private readonly List<JournaledEvent> _pending = [];
    private ImmutableArray<(string Pattern, ImmutableArray<string> EntityIds)> _index = [];

    /// <summary>The last tick folded in, or -1.</summary>
    public long LastTick { get; private set; } = -1;

    /// <summary>How many events the folded ticks held (legacy and row ticks alike).</summary>
    public long EventCount { get; private set; }

    /// <summary>Starts from a snapshot of the runtime: everything before it is summed up in it.</summary>
    public void Offer(RuntimeSnapshot snapshot)
    {
        Clear();
        LastTick = snapshot.LastTick;
        foreach (var entity in snapshot.Entities)
        {
            _live.Add((entity.EntityId, entity.Kind));
            _liveIds.Add(entity.EntityId);
            _fromSnapshot.Add(entity.EntityId);
            _states[entity.EntityId] = (entity.State, entity.StateVersion);
        }

        _index = snapshot.Subscriptions;
        foreach (var pending in snapshot.Schedule)
        {
            Schedule(pending.ToPending());
        }

        _waiting.AddRange(snapshot.Waiting.Select(p => p.ToPending()));
    }

    /// <summary>Starts from a whole-log snapshot of a journal written before rows existed.</summary>
    public void Offer(LogSnapshot snapshot)
    {
        Clear();
        foreach (var tick in snapshot.Ticks)
        {
            Fold(tick.Tick, TickRow.Of(tick).Events, [], []);
        }
    }

    /// <summary>Folds in one journal entry (a row, or a legacy event or tick marker).</summary>
    public void Apply(object entry)
    {
        switch (entry)
        {
            case TickRow row when row.Tick > LastTick:
                Fold(row.Tick, row.Events, row.Scheduled, row.Index);
                break;
            case AcceptedRow accepted:
                Accept(accepted);
                break;
            case JournaledEvent e:
                _pending.Add(e);
                break;
            case TickMarker marker:
                // The marker closes the last EventCount events; anything before them belongs to an unfinished tick.
                var events = _pending.Count >= marker.EventCount ? _pending.GetRange(_pending.Count - marker.EventCount, marker.EventCount) : null;
                _pending.Clear();
                if (events is not null && marker.Tick > LastTick)
                {
                    Fold(marker.Tick, [.. events.Select(TickRow.Legacy)], [], []);
                }

                break;
        }
    }

    /// <summary>What the resume continues from.</summary>
    public RecoveredState Result() => new(
        LastTick,
        [.. _live.Select(e => new RecoveredEntity(
            e.Id,
            e.Kind,
            _states.TryGetValue(e.Id, out var state) ? state.State : null,
            _states.TryGetValue(e.Id, out state) ? state.Version : 0,
            _own.TryGetValue(e.Id, out var own) ? [.. own] : [],
            HistoryComplete: !_fromSnapshot.Contains(e.Id)))],
        _index,
        [.. _steps],
        [.. _schedule.SelectMany(entry => entry.Value)],
        [.. _waiting]);

    private void Fold(long tick, ImmutableArray<StoredEvent> events, ImmutableArray<StoredPending> scheduled, ImmutableArray<IndexChange> index)
    {
        LastTick = tick;
        EventCount += events.Length;
        _waiting.Clear();
        _schedule.Remove(tick);
        foreach (var pending in scheduled)
        {
            Schedule(pending.ToPending());
        }

        foreach (var change in index)
        {
            _steps.Add(new IndexStep(IndexStepKind.Change, change.EntityId, change.Pattern, change.Add));
        }

        foreach (var stored in events)
        {
            if (stored.Source is { } source)
            {
                if (_own.TryGetValue(source, out var own) || _liveIds.Contains(source))
                {
                    (own ?? (_own[source] = [])).Add(stored.Event);
                }
            }
            else if (stored.Origin == EventOrigin.Runtime)
            {
                Population(stored.Event);
            }
        }
    }

    private void Accept(AcceptedRow accepted)
    {
        foreach (var joined in accepted.Joins)
        {
            Join(joined.EntityId, joined.Kind);
            _steps.AddRange(joined.Subscriptions.Select(s => new IndexStep(IndexStepKind.Change, joined.EntityId, s.Pattern, s.Add)));
        }

        foreach (var stored in accepted.Events)
        {
            var pending = stored.ToPending();
            _waiting.Add(pending);
            if (pending.Emission.Type == RuntimeEvents.DespawnedType && pending.Emission.Data.TryGetValue("entity", out var id) && id is string entityId)
            {
                Leave(entityId);
            }
        }
    }

    /// <summary>A runtime event stored with a tick: a spawn (of a journal that has no accepted rows) or a despawn.</summary>
    private void Population(Event e)
    {
        if (!e.Data.TryGetValue("entity", out var value) || value is not string entityId)
        {
            return;
        }

        if (e.Type == RuntimeEvents.SpawnedType && !_liveIds.Contains(entityId))
        {
            Join(entityId, e.Data.TryGetValue("kind", out var kind) ? kind as string ?? string.Empty : string.Empty);
            _steps.Add(new IndexStep(IndexStepKind.SubscribeFromStart, entityId));
        }
        else if (e.Type == RuntimeEvents.DespawnedType)
        {
            Leave(entityId);
        }
    }

    private void Join(string entityId, string kind)
    {
        Leave(entityId);
        _live.Add((entityId, kind));
        _liveIds.Add(entityId);
    }

    private void Leave(string entityId)
    {
        if (_liveIds.Remove(entityId))
        {
            _live.RemoveAll(l => l.Id == entityId);
            _own.Remove(entityId);
            _states.Remove(entityId);
            _fromSnapshot.Remove(entityId);
            _steps.Add(new IndexStep(IndexStepKind.Forget, entityId));
        }
    }

    private void Schedule(PendingEvent pending)
    {
        var at = pending.Emission.AtTick!.Value;
        if (!_schedule.TryGetValue(at, out var list))
        {
            _schedule[at] = list = [];
        }

        list.Add(pending);
    }

    private void Clear()
    {
        _live.Clear();
        _liveIds.Clear();
        _fromSnapshot.Clear();
        _states.Clear();
        _own.Clear();
        _steps.Clear();
        _schedule.Clear();
        _waiting.Clear();
        _pending.Clear();
        _index = [];
    }
}

/// <summary>What a resume continues from (see <see cref="JournalRecovery"/>).</summary>
/// <param name="LastTick">The last stored tick, or -1.</param>
/// <param name="Entities">The live entities, in the order they joined.</param>
/// <param name="Index">The subscription index of the snapshot the resume starts from (empty without one).</param>
/// <param name="IndexSteps">What changed the index after it, in order.</param>
/// <param name="Schedule">Publishes waiting for later ticks, by tick, each with its target tick.</param>
/// <param name="Waiting">Events accepted for the next tick.</param>
/// <param name="SnapshotEveryTicks">Every how many ticks the log wants a runtime snapshot (0 = it stores none); the
/// coordinator collects one at those tick boundaries.</param>
internal sealed record RecoveredState(
    long LastTick,
    ImmutableArray<RecoveredEntity> Entities,
    ImmutableArray<(string Pattern, ImmutableArray<string> EntityIds)> Index,
    ImmutableArray<IndexStep> IndexSteps,
    ImmutableArray<PendingEvent> Schedule,
    ImmutableArray<PendingEvent> Waiting,
    int SnapshotEveryTicks = 0) : IEventureMessage;

/// <summary>One entity to rebuild on resume.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="State">Its state as JSON from the snapshot, if it has one.</param>
/// <param name="StateVersion">The version of that JSON.</param>
/// <param name="Events">Its own events after the snapshot (all of them without one).</param>
/// <param name="HistoryComplete">Whether <paramref name="Events"/> are all its own events (it joined after the snapshot,
/// or there is none); otherwise, without a state value, it must read its whole history.</param>
internal sealed record RecoveredEntity(string EntityId, string Kind, string? State, int StateVersion, ImmutableArray<Event> Events, bool HistoryComplete = true);
