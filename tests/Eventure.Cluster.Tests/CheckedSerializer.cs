using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Serialization;

namespace Eventure.Cluster.Tests;

/// <summary>
/// Hyperion (the serializer Eventure binds its messages to) that notes, per actor system, which message types it turned
/// back into objects: with <c>akka.actor.serialize-messages = on</c> that is every Eventure message a node's actors sent
/// each other, so a spec can assert that the barrier, the delivery batches, their answers and the coordinator's
/// commands really went through serialize and deserialize on every node.
/// </summary>
public sealed class CheckedSerializer : Serializer
{
    /// <summary>The serializer's identifier (test-only; Eventure's own are 7341 and 7342).</summary>
    public const int Id = 7391;

    private static readonly ConditionalWeakTable<ActorSystem, ConcurrentDictionary<string, int>> BySystem = [];
    private readonly HyperionSerializer _inner;
    private readonly ConcurrentDictionary<string, int> _deserialized;

    /// <summary>Created by Akka's serialization.</summary>
    public CheckedSerializer(ExtendedActorSystem system)
        : base(system)
    {
        _inner = new HyperionSerializer(system);
        _deserialized = BySystem.GetValue(system, _ => new ConcurrentDictionary<string, int>());
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override bool IncludeManifest => _inner.IncludeManifest;

    /// <summary>The names of the message types <paramref name="system"/>'s serializer deserialized, with how many of each.</summary>
    public static IReadOnlyDictionary<string, int> Deserialized(ActorSystem system) =>
        BySystem.TryGetValue(system, out var seen) ? new SortedDictionary<string, int>(seen, StringComparer.Ordinal) : new SortedDictionary<string, int>();

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => _inner.ToBinary(obj);

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type type)
    {
        var message = _inner.FromBinary(bytes, type);
        _deserialized.AddOrUpdate(message.GetType().Name, 1, (_, n) => n + 1);
        return message;
    }
}
