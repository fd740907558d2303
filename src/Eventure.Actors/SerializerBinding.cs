using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace Eventure.Actors;

/// <summary>Binds Eventure's serializers in a system whose configuration left Eventure's types unbound.</summary>
internal static class SerializerBinding
{
    /// <summary>
    /// Adds <see cref="EventureSerializers"/>' bindings for every type that <paramref name="own"/> (the system's
    /// configuration before Eventure's defaults) does not bind and that is not already served by the right serializer.
    /// </summary>
    public static void BindMissing(ExtendedActorSystem system, Config own)
    {
        var chosen = ExplicitlyBound(own);
        Bind(system, chosen, EventureSerializers.JournalSerializerName, EventureSerializers.JournalTypes, EventureSerializers.CreateJournalSerializer);
        Bind(system, chosen, EventureSerializers.MessageSerializerName, EventureSerializers.MessageTypes, EventureSerializers.CreateMessageSerializer);
    }

    private static void Bind(ExtendedActorSystem system, HashSet<Type> chosen, string name, IReadOnlyList<Type> types, Func<ExtendedActorSystem, Serializer> create)
    {
        Serializer? serializer = null;
        foreach (var type in types)
        {
            if (chosen.Contains(type))
            {
                continue;
            }

            serializer ??= create(system);
            if (system.Serialization.FindSerializerForType(type).Identifier == serializer.Identifier)
            {
                continue;
            }

            system.Serialization.AddSerializer(name, serializer);
            system.Serialization.AddSerializationMap(type, serializer);
        }
    }

    /// <summary>The types <paramref name="config"/>'s <c>akka.actor.serialization-bindings</c> names.</summary>
    private static HashSet<Type> ExplicitlyBound(Config config)
    {
        var bound = new HashSet<Type>();
        if (!config.HasPath("akka.actor.serialization-bindings"))
        {
            return bound;
        }

        foreach (var (typeName, _) in config.GetConfig("akka.actor.serialization-bindings").AsEnumerable())
        {
            if (Type.GetType(typeName, throwOnError: false) is { } type)
            {
                bound.Add(type);
            }
        }

        return bound;
    }
}
