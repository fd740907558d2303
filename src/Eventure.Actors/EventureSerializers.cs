using Akka.Actor;
using Akka.Serialization;
using Eventure.Actors.Persistence;

namespace Eventure.Actors;

/// <summary>
/// Eventure's serializer bindings, for hosts that register serializers in code (Akka.Hosting's
/// <c>WithCustomSerializer</c>). <c>reference.conf</c> binds the same types to the same serializers; the
/// <see cref="EventureExtension"/> binds them in a system whose configuration does not.
/// </summary>
public static class EventureSerializers
{
    /// <summary>The name of the journal serializer in <c>akka.actor.serializers</c>.</summary>
    public const string JournalSerializerName = "eventure-journal";

    /// <summary>
    /// The id of the journal serializer (<c>akka.actor.serialization-identifiers</c>): every journal entry and snapshot
    /// Eventure writes carries it, so it never changes.
    /// </summary>
    public const int JournalSerializerId = EventureJournalSerializer.Id;

    /// <summary>The name of the serializer of the runtime's transient messages.</summary>
    public const string MessageSerializerName = "hyperion";

    /// <summary>What Eventure stores in journals and snapshot stores: bound to the journal serializer (<see cref="JournalSerializerId"/>).</summary>
    public static IReadOnlyList<Type> JournalTypes { get; } =
        [typeof(JournaledEvent), typeof(TickMarker), typeof(LogSnapshot), typeof(ProjectionSnapshot), typeof(IJournalRow)];

    /// <summary>The runtime's transient protocol messages (<c>IEventureMessage</c>): bound to Hyperion.</summary>
    public static IReadOnlyList<Type> MessageTypes { get; } = [typeof(IEventureMessage)];

    /// <summary>Creates the journal serializer (id <see cref="JournalSerializerId"/>) for <paramref name="system"/>.</summary>
    public static Serializer CreateJournalSerializer(ExtendedActorSystem system) => new EventureJournalSerializer(system);

    /// <summary>Creates the serializer of the runtime's transient messages (Hyperion) for <paramref name="system"/>.</summary>
    public static Serializer CreateMessageSerializer(ExtendedActorSystem system) => new HyperionSerializer(system);
}
