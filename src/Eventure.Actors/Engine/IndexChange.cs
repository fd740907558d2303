namespace Eventure.Actors.Engine;

/// <summary>
/// One change to the subscription index, as the router applied it: stored with its tick so that a resume rebuilds
/// the index (patterns in first-subscribed order, subscribers in order) exactly as a straight run has it.
/// </summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Pattern">The pattern.</param>
/// <param name="Add">Whether the subscription was added (else one subscription to the pattern was removed).</param>
internal readonly record struct IndexChange(string EntityId, string Pattern, bool Add);

/// <summary>What to do to the subscription index on resume.</summary>
internal enum IndexStepKind
{
    /// <summary>Apply one stored change.</summary>
    Change,

    /// <summary>Subscribe the entity as its <c>OnStart</c> does (journals that did not store subscriptions).</summary>
    SubscribeFromStart,

    /// <summary>The entity left: drop all its subscriptions.</summary>
    Forget,
}

/// <summary>One step of rebuilding the subscription index on resume.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="EntityId">The entity.</param>
/// <param name="Pattern">The pattern (for a change).</param>
/// <param name="Add">Whether the change adds (else removes) a subscription.</param>
internal readonly record struct IndexStep(IndexStepKind Kind, string EntityId, string? Pattern = null, bool Add = false);
