namespace Eventure.Actors;

/// <summary>
/// Marks the runtime's transient protocol messages. They are bound to Hyperion in <c>reference.conf</c>, so they
/// cross the wire (and pass <c>akka.actor.serialize-messages = on</c>) without extra configuration. Journaled
/// records never use it: they have their own versioned JSON serializer.
/// </summary>
internal interface IEventureMessage
{
}
