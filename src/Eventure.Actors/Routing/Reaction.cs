namespace Eventure.Actors.Routing;

/// <summary>An event published in reaction to a delivery, with its ordering key.</summary>
/// <param name="ParentIndex">The delivered event's position in its wave.</param>
/// <param name="Rank">The subscriber's rank in dispatch order.</param>
/// <param name="EmitIndex">The position among that delivery's publishes.</param>
/// <param name="Event">The publish.</param>
internal readonly record struct Reaction(int ParentIndex, int Rank, int EmitIndex, PendingEvent Event);
