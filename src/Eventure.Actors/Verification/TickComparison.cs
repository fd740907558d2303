using System.Globalization;

namespace Eventure.Actors.Verification;

/// <summary>Compares a journaled tick with its re-simulation: every event in order, then the tick checksum.</summary>
/// <remarks>
/// A journal written before despawns recorded their cause holds <c>entity.despawned</c> without <c>cause</c>; such an
/// event matches a re-simulated one that differs only by its cause, and the checksum of its tick (which folded the
/// event without cause) is not compared. Nor are a journaled checksum of 0 (an imported log) and one computed by
/// another checksum version than the re-simulation's (version 1 folded JSON lines; the events are still compared).
/// </remarks>
internal static class TickComparison
{
    /// <summary>
    /// The first difference between <paramref name="journal"/> (null: the journal has no such tick) and
    /// <paramref name="resimulated"/>, or null; <paramref name="matching"/> is how many events agree before it.
    /// </summary>
    public static Divergence? Compare(AppendTick? journal, AppendTick resimulated, out int matching)
    {
        matching = 0;
        var expected = journal?.Events ?? [];
        var actual = resimulated.Events;
        for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            var j = i < expected.Length ? expected[i] : null;
            var r = i < actual.Length ? actual[i] : null;
            if (j is not null && r is not null && Same(j, r))
            {
                matching++;
                continue;
            }

            var position = (i + 1).ToString(CultureInfo.InvariantCulture);
            var reason = j is null ? $"the re-simulation has an event the journal does not (event {position} of the tick)"
                : r is null ? $"the journal has an event the re-simulation did not produce (event {position} of the tick)"
                : $"event {position} of the tick differs";
            return new Divergence(resimulated.Tick, (j ?? r)!.Id, j?.ToJson(), r?.ToJson()) { Reason = reason };
        }

        if (journal is not null && ComparableChecksums(journal, resimulated) && journal.Checksum != resimulated.Checksum)
        {
            var (stored, again) = (journal.Checksum.ToString(CultureInfo.InvariantCulture), resimulated.Checksum.ToString(CultureInfo.InvariantCulture));
            return new Divergence(resimulated.Tick, null, stored, again) { Reason = $"same events, but the state checksum is {again} instead of the journaled {stored}" };
        }

        return null;
    }

    /// <summary>
    /// Whether the checksums were computed the same way: the same version (version 1 folded JSON lines, version 2 the
    /// binary digest), a journaled checksum at all (imports store 0), and no despawn journaled without its cause.
    /// </summary>
    private static bool ComparableChecksums(AppendTick journal, AppendTick resimulated) =>
        journal.Checksum != 0 && journal.Version == resimulated.Version && !journal.Events.Any(RuntimeEvents.IsUncausedDespawn);

    private static bool Same(Event journal, Event resimulated) =>
        journal.Equals(resimulated)
        || (RuntimeEvents.IsUncausedDespawn(journal) && resimulated.Type == RuntimeEvents.DespawnedType && journal.Equals(WithoutCause(resimulated)));

    private static Event WithoutCause(Event e) =>
        new(e.Tick, e.Timestamp, e.Type, EventData.From(e.Data.Where(pair => pair.Key != RuntimeEvents.CauseKey)), e.Id, e.ParentId);
}
