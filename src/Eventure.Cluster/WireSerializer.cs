using System.Diagnostics;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Serialization;

namespace Eventure.Cluster;

/// <summary>
/// Hyperion for the envelopes between a simulation's singleton and its partitions (<c>ToPartition</c>,
/// <c>FromPartition</c>; bound in Eventure.Cluster's <c>reference.conf</c>), counting what it writes in the node's
/// <see cref="WireCounters"/>. A message is serialized only when it leaves its node (unless
/// <c>akka.actor.serialize-messages</c> is on), so the counts are the Eventure messages and bytes that crossed nodes.
/// </summary>
public sealed class WireSerializer : Serializer
{
    /// <summary>The serializer's identifier (Eventure's journal serializer is 7341).</summary>
    public const int Id = 7342;

    private readonly HyperionSerializer _inner;
    private readonly WireCounters _counters;

    /// <summary>Created by Akka's serialization.</summary>
    public WireSerializer(ExtendedActorSystem system)
        : base(system)
    {
        _inner = new HyperionSerializer(system);
        _counters = WireCounters.Of(system);
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override bool IncludeManifest => _inner.IncludeManifest;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        var bytes = _inner.ToBinary(obj);
        _counters.Add(bytes.Length);
        return bytes;
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type type) => _inner.FromBinary(bytes, type);
}

/// <summary>How many partition envelopes (and bytes) one actor system's <see cref="WireSerializer"/> wrote, and where the time of its simulations' steps went.</summary>
public sealed class WireCounters
{
    private static readonly ConditionalWeakTable<ActorSystem, WireCounters> BySystem = [];
    private long _messages;
    private long _bytes;

    /// <summary>How many envelopes were written (sent to another node).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>How many bytes they took.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The counters of <paramref name="system"/>.</summary>
    public static WireCounters Of(ActorSystem system) => BySystem.GetValue(system, _ => new WireCounters());

    private long _stepTicks;
    private long _outstandingTicks;

    /// <summary>
    /// How long this node's partitions took for the tick and wave steps they were sent, summed over partitions: from the
    /// step reaching the partition to its answer leaving it (entities' work included).
    /// </summary>
    public TimeSpan PartitionTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _stepTicks));

    /// <summary>
    /// How long a simulation's gateway on this node (the singleton's) had at least one partition step outstanding; the
    /// rest of a run's wall time is the singleton's serial work (barrier, routing, merge, journal) and the hops.
    /// </summary>
    public TimeSpan OutstandingTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _outstandingTicks));

    internal void Add(int bytes)
    {
        Interlocked.Increment(ref _messages);
        Interlocked.Add(ref _bytes, bytes);
    }

    internal void AddStep(long stopwatchTicks) => Interlocked.Add(ref _stepTicks, stopwatchTicks);

    internal void AddOutstanding(long stopwatchTicks) => Interlocked.Add(ref _outstandingTicks, stopwatchTicks);
}
