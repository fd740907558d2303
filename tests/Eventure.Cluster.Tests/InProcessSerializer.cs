using System.Buffers.Binary;
using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Serialization;

namespace Eventure.Cluster.Tests;

/// <summary>
/// Test-only stand-in for the <c>INoSerializationVerificationNeeded</c> marker a third-party local message lacks: "writes"
/// the object as a number that "reads" back as the same instance, in this process only. Bound (in
/// <see cref="SerializeEverything"/>) to exactly one type, Akka.Persistence.Sql's <c>WriteFinished</c>, which the SQL
/// journal sends itself when a write task completes: it carries that <see cref="Task"/> and is matched against the
/// pending write by reference, so no serializer could give a copy that means the same thing. Never crosses nodes.
/// </summary>
public sealed class InProcessSerializer : Serializer
{
    /// <summary>The serializer's identifier (test-only).</summary>
    public const int Id = 7392;

    private static readonly ConcurrentDictionary<long, object> InFlight = new();
    private static long _next;

    /// <summary>Created by Akka's serialization.</summary>
    public InProcessSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override bool IncludeManifest => false;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        var key = Interlocked.Increment(ref _next);
        InFlight[key] = obj;
        var bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, key);
        return bytes;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The bytes did not come from this process's <see cref="ToBinary"/>.</exception>
    public override object FromBinary(byte[] bytes, Type type) =>
        bytes.Length == sizeof(long) && InFlight.TryRemove(BinaryPrimitives.ReadInt64LittleEndian(bytes), out var obj)
            ? obj
            : throw new InvalidOperationException("the in-process serializer only reads back what it wrote in this process (it is for serialize-messages checks, never for remoting)");
}
