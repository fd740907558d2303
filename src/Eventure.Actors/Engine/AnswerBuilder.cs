using System.Collections.Immutable;

namespace Eventure.Actors.Engine;

/// <summary>
/// Merges the parts in which an entity answered one batch (a fault ends a part; the rest of the batch follows as
/// another part after the entity is rebuilt) into the one answer the engine sees, with units numbered from the
/// start of the batch.
/// </summary>
/// <param name="total">How many units the batch has.</param>
internal sealed class AnswerBuilder(int total)
{
    private EntityAnswer? _whole;
    private List<Emission>? _emissions;
    private List<int>? _ends;
    private List<UnitChange>? _changes;
    private List<UnitFault>? _faults;
    private int _despawnAfter = -1;

    /// <summary>How many units the batch has.</summary>
    public int Total { get; } = total;

    /// <summary>How many units the parts taken so far cover.</summary>
    public int Covered { get; private set; }

    /// <summary>The state checksum of the last part.</summary>
    public long Checksum { get; set; }

    /// <summary>Whether the last part ended with a fault (the entity is being rebuilt).</summary>
    public bool EndsInFault { get; private set; }

    /// <summary>
    /// Takes the part covering <paramref name="count"/> units from <paramref name="offset"/>; false (and nothing
    /// taken) when it does not continue where the previous part ended.
    /// </summary>
    public bool Take(int offset, int count, EntityAnswer answer)
    {
        if (offset != Covered || offset + count > Total)
        {
            return false;
        }

        Covered += count;
        Checksum = answer.Checksum;
        EndsInFault = !answer.Faults.IsDefaultOrEmpty;
        if (offset == 0 && count == Total)
        {
            // The common case: one part covers the batch; it is the answer as it is.
            _whole = answer;
            return true;
        }

        Append(offset, count, answer);
        return true;
    }

    /// <summary>The answer for the whole batch (as far as it is covered).</summary>
    public EntityAnswer Build(string entityId)
    {
        if (_whole is { } whole)
        {
            return whole.Checksum == Checksum ? whole : whole with { Checksum = Checksum };
        }

        if (_emissions is null)
        {
            return EntityAnswer.Quiet(entityId, Checksum);
        }

        var any = _emissions.Count > 0;
        return new EntityAnswer(entityId, Checksum, any ? [.. _emissions] : [], any ? [.. _ends!] : [], [.. _changes!], [.. _faults!], _despawnAfter);
    }

    private void Append(int offset, int count, EntityAnswer answer)
    {
        _emissions ??= [];
        _ends ??= [];
        _changes ??= [];
        _faults ??= [];
        for (var unit = 0; unit < count; unit++)
        {
            _emissions.AddRange(answer.EmissionsOf(unit));
            _ends.Add(_emissions.Count);
        }

        _changes.AddRange(answer.Subscriptions.Select(c => c with { Unit = c.Unit + offset }));
        _faults.AddRange(answer.Faults.Select(f => f with { Unit = f.Unit + offset }));
        if (_despawnAfter < 0 && answer.DespawnAfter >= 0)
        {
            _despawnAfter = answer.DespawnAfter + offset;
        }
    }
}
