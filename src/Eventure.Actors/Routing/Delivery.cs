namespace Eventure.Actors.Routing;

/// <summary>One delivery of a wave: which event (by position in the wave), at which rank, to whom.</summary>
/// <param name="EventIndex">The delivered event's position in its wave.</param>
/// <param name="Rank">The subscription's rank in dispatch order for that event.</param>
/// <param name="EntityId">The receiving entity.</param>
internal readonly record struct Delivery(int EventIndex, int Rank, string EntityId);
