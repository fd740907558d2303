using System.Collections.Immutable;
using Eventure.Actors.Persistence;

namespace Eventure.Actors.Verification;

/// <summary>
/// Reads what a journaled tick received from outside: the runtime events and input at the start of its wave 0,
/// in the order the coordinator accepted them.
/// </summary>
/// <remarks>
/// Input is what <see cref="JournalInputs.IsInput"/> says. Every <c>entity.spawned</c> came from outside. An
/// <c>entity.despawned</c> came from outside when its cause is <c>external</c>; one written before causes were
/// recorded counts as external when it has no parent and stands in the tick's leading run of runtime events and
/// input (an entity that despawns itself is journaled after the tick's scheduled and published events, or with a
/// parent). Self-despawns, faults, unexpected stops and removals after faults are the simulation's own doing.
/// </remarks>
internal static class ExternalActions
{
    /// <summary>The external actions of <paramref name="tick"/>, after skipping its first <paramref name="skipSpawns"/> spawns.</summary>
    public static ImmutableArray<ExternalAction> Of(AppendTick tick, int skipSpawns)
    {
        var actions = ImmutableArray.CreateBuilder<ExternalAction>();
        var leadingRun = LeadingRunOf(tick);
        for (var i = 0; i < tick.Events.Length; i++)
        {
            var e = tick.Events[i];
            if (JournalInputs.IsInput(tick, i))
            {
                actions.Add(new InputAction(e.Type, e.Data));
            }
            else if (JournalInputs.SourceOf(tick, i) is not null)
            {
                continue;
            }
            else if (e.Type == RuntimeEvents.SpawnedType && EntityOf(e) is { } spawned)
            {
                if (skipSpawns > 0)
                {
                    skipSpawns--;
                }
                else
                {
                    actions.Add(new SpawnAction(spawned, e.Data.TryGetValue("kind", out var kind) ? kind as string ?? string.Empty : string.Empty));
                }
            }
            else if (e.Type == RuntimeEvents.DespawnedType && EntityOf(e) is { } despawned && IsExternalDespawn(e, i < leadingRun))
            {
                actions.Add(new DespawnAction(despawned));
            }
        }

        return actions.ToImmutable();
    }

    private static bool IsExternalDespawn(Event e, bool inLeadingRun) =>
        RuntimeEvents.CauseOf(e) is { } cause ? cause == RuntimeEvents.CauseExternal : RuntimeEvents.IsUncausedDespawn(e) && e.ParentId is null && inLeadingRun;

    /// <summary>How many events open the tick that no entity published, have no parent, and are spawns, despawns or input.</summary>
    private static int LeadingRunOf(AppendTick tick)
    {
        var i = 0;
        while (i < tick.Events.Length
            && JournalInputs.SourceOf(tick, i) is null
            && tick.Events[i].ParentId is null
            && (tick.Events[i].Type is RuntimeEvents.SpawnedType or RuntimeEvents.DespawnedType || JournalInputs.IsInput(tick, i)))
        {
            i++;
        }

        return i;
    }

    private static string? EntityOf(Event e) => e.Data.TryGetValue("entity", out var id) ? id as string : null;
}
