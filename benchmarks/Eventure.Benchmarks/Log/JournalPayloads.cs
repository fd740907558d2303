using Akka.Actor;
using Akka.Serialization;
using Eventure.Actors;

namespace Eventure.Benchmarks.Log;

/// <summary>
/// Journal entries as Eventure stores them, made through the public API only: the journal serializer (by its id)
/// reads an <c>ev1</c> payload (an event line inside a JSON string, the first format) into the object it stores.
/// </summary>
internal static class JournalPayloads
{
    /// <summary>The journal serializer of <paramref name="system"/>: the one bound to its entries.</summary>
    public static SerializerWithStringManifest Serializer(ActorSystem system) =>
        (SerializerWithStringManifest)system.Serialization.FindSerializerFor(Entries(system, [new Event(0, 0, "probe", null, "0-AAAA-0")], null)[0]);

    /// <summary>The <c>ev1</c> payload of <paramref name="e"/> published by <paramref name="source"/>.</summary>
    public static byte[] V1(Event e, string? source) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { @event = e.ToJson(), source });

    /// <summary>The journal entries of <paramref name="events"/>, as the serializer reads them back.</summary>
    public static object[] Entries(ActorSystem system, IEnumerable<Event> events, string? source)
    {
        return [.. events.Select(e => system.Serialization.Deserialize(V1(e, source), EventureSerializers.JournalSerializerId, "ev1"))];
    }
}
