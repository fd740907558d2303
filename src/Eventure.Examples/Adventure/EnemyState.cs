using System.Text.Json.Serialization;

namespace Eventure.Examples.Adventure;

/// <summary>An enemy's fight, a fold of its own events only (its combat events and the notes it journals).</summary>
/// <param name="EncounterId">The id of the encounter its fight answers (the parent of its rounds), once combat has started.</param>
/// <param name="Health">Its health: 100 when combat starts, less after each <c>enemy.wounded</c>.</param>
/// <param name="Round">The last round it started.</param>
/// <param name="RoundId">The id of that round (the parent of its defeat).</param>
/// <param name="RoundResolved">Whether the player has struck in that round (it noted <c>enemy.wounded</c>).</param>
/// <param name="Finished">Whether its fight is over: defeated, or the game ended during it (<c>combat.end</c>).</param>
internal sealed record EnemyState(string? EncounterId, long Health, long Round, string? RoundId, bool RoundResolved, bool Finished)
{
    public static EnemyState Initial { get; } = new(null, 0, 0, null, false, false);

    /// <summary>Whether it is fighting and the last round is resolved: the next round (or its defeat) is due.</summary>
    [JsonIgnore]
    public bool RoundDue => EncounterId is not null && RoundResolved && !Finished;

    /// <summary>The pure state transition over one of the enemy's own events.</summary>
    public static EnemyState Apply(EnemyState state, Event e) => e.Type switch
    {
        "combat.start" => new EnemyState(e.ParentId, (long)e.Data["enemy_health"]!, 0, null, false, false),
        "combat.round" => state with { Round = (long)e.Data["round"]!, RoundId = e.Id, RoundResolved = false },
        "enemy.wounded" => state with { Health = (long)e.Data["health"]!, RoundResolved = true },
        "enemy.defeated" or "combat.end" => state with { Finished = true },
        _ => state,
    };
}
