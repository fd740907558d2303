using Akka.Actor;

namespace Eventure.Actors.Routing;

/// <summary>One subscription of one entity.</summary>
/// <param name="Pattern">The parsed pattern.</param>
/// <param name="EntityId">The subscribed entity.</param>
/// <param name="Subscriber">Its actor.</param>
internal sealed record Registration(TopicPattern Pattern, string EntityId, IActorRef Subscriber);
