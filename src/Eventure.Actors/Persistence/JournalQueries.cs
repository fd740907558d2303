using System.Collections.Immutable;
using Eventure.Actors.Engine;

namespace Eventure.Actors.Persistence;

/// <summary>
/// A question answered by reading a simulation's journal rows once, in order: it sees every stored tick (legacy
/// entries are put together into ticks first) and every accepted row, never a snapshot.
/// </summary>
internal abstract class JournalQuery
{
    private readonly List<JournaledEvent> _pending = [];

    /// <summary>Whether the query has what it needs and the rest of the journal can be skipped.</summary>
    public virtual bool Done => false;

    /// <summary>Takes one journal entry.</summary>
    public virtual void Take(object entry)
    {
        switch (entry)
        {
            case TickRow row:
                Tick(row);
                break;
            case JournaledEvent e:
                _pending.Add(e);
                break;
            case TickMarker marker when _pending.Count >= marker.EventCount:
                var events = _pending.GetRange(_pending.Count - marker.EventCount, marker.EventCount);
                _pending.Clear();
                Tick(new TickRow(
                    marker.Tick,
                    [.. events.Select(TickRow.Legacy)],
                    [],
                    [],
                    marker.Checksum,
                    marker.Digest,
                    marker.Version));
                break;
            case TickMarker:
                _pending.Clear();
                break;
        }
    }

    /// <summary>The answer, once every entry was taken.</summary>
    /// <param name="highestSequenceNr">The highest sequence number the journal holds for the simulation.</param>
    public abstract object Result(long highestSequenceNr);

    /// <summary>Takes one stored tick (ticks arrive in order; a tick stored twice is passed once).</summary>
    protected abstract void Tick(TickRow row);
}

/// <summary>Every stored tick from <paramref name="fromTick"/> on, as readers see them (<see cref="StoredTicks"/>).</summary>
internal sealed class StoredTicksQuery(long fromTick, long untilTick = long.MaxValue) : JournalQuery
{
    private readonly ImmutableArray<AppendTick>.Builder _ticks = ImmutableArray.CreateBuilder<AppendTick>();
    private long _last = -1;

    /// <inheritdoc />
    public override bool Done => _last >= untilTick;

    /// <inheritdoc />
    public override object Result(long highestSequenceNr) => new StoredTicks(_last, _ticks.ToImmutable());

    /// <inheritdoc />
    protected override void Tick(TickRow row)
    {
        if (row.Tick <= _last)
        {
            return;
        }

        _last = row.Tick;
        if (row.Tick >= fromTick && row.Tick <= untilTick)
        {
            _ticks.Add(row.ToAppendTick());
        }
    }
}

/// <summary>The log as a core <see cref="EventLog"/>, up to and including <paramref name="untilTick"/>.</summary>
internal sealed class EventLogQuery(long untilTick = long.MaxValue) : JournalQuery
{
    private readonly EventLog _log = new();
    private long _last = -1;

    /// <inheritdoc />
    public override bool Done => _last >= untilTick;

    /// <inheritdoc />
    public override object Result(long highestSequenceNr)
    {
        if (_last > _log.CurrentTick)
        {
            _log.AdvanceToTick(_last);
        }

        return new EventLogResult(_log);
    }

    /// <inheritdoc />
    protected override void Tick(TickRow row)
    {
        if (row.Tick <= _last || row.Tick > untilTick)
        {
            return;
        }

        _last = row.Tick;
        foreach (var stored in row.Events)
        {
            _log.Append(stored.Event);
        }
    }
}

/// <summary>
/// An entity's own stored events (to rebuild it), answering <see cref="GetOwnHistory"/>: those of its current life only.
/// An id spawned again after its entity left is a new entity, so its latest <c>entity.spawned</c> starts the history
/// over (a tick stores its spawns before anything the new entity publishes).
/// </summary>
internal sealed class OwnHistoryQuery(GetOwnHistory request) : JournalQuery
{
    private readonly ImmutableArray<Event>.Builder _events = ImmutableArray.CreateBuilder<Event>();
    private long _last = -1;

    /// <inheritdoc />
    public override object Result(long highestSequenceNr) => new OwnHistory(request.EntityId, request.Request, _events.ToImmutable(), _last);

    /// <inheritdoc />
    protected override void Tick(TickRow row)
    {
        if (row.Tick <= _last)
        {
            return;
        }

        _last = row.Tick;
        foreach (var stored in row.Events)
        {
            if (string.Equals(stored.Source, request.EntityId, StringComparison.Ordinal))
            {
                _events.Add(stored.Event);
            }
            else if (stored.Origin == EventOrigin.Runtime
                && stored.Event.Type == RuntimeEvents.SpawnedType
                && stored.Event.Data.TryGetValue("entity", out var id)
                && id is string entityId
                && string.Equals(entityId, request.EntityId, StringComparison.Ordinal))
            {
                _events.Clear();
            }
        }
    }
}

/// <summary>What a resume needs, read from every row (a log asked again after it handed its recovery over).</summary>
/// <param name="snapshotEveryTicks">The log's snapshot interval, handed to the coordinator (0 = none).</param>
internal sealed class RecoveryQuery(int snapshotEveryTicks = 0) : JournalQuery
{
    private readonly JournalRecovery _recovery = new();

    /// <inheritdoc />
    public override void Take(object entry) => _recovery.Apply(entry);

    /// <inheritdoc />
    public override object Result(long highestSequenceNr) => _recovery.Result() with { SnapshotEveryTicks = snapshotEveryTicks };

    /// <inheritdoc />
    protected override void Tick(TickRow row)
    {
    }
}
