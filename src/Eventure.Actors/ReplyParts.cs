using Akka.Actor;

namespace Eventure.Actors;

/// <summary>
/// One part of an answer sent to an actor on another node. Answers read from the journal (a simulation's log, its
/// stored ticks, an entity's own history) grow with the run, and the remote transport drops any message larger than its
/// frame (<c>akka.remote.dot-netty.tcp.maximum-frame-size</c>, 128,000 bytes by default) with an error in the log only,
/// so the asker would wait forever. Such an answer crosses nodes as its serialized bytes, in parts of at most half a
/// frame, which the receiver puts together (<see cref="ReplyAssembler"/>) and reads with its own serialization.
/// </summary>
/// <param name="Id">The answer (unique per sender).</param>
/// <param name="Index">The part's place, from 0.</param>
/// <param name="Count">How many parts the answer has.</param>
/// <param name="SerializerId">The serializer that wrote the answer.</param>
/// <param name="Manifest">Its manifest.</param>
/// <param name="Bytes">This part of the bytes.</param>
internal sealed record ReplyPart(long Id, int Index, int Count, int SerializerId, string Manifest, byte[] Bytes) : IEventureMessage;

/// <summary>Sends answers that may be large: whole to a local actor, in <see cref="ReplyPart"/>s to a remote one.</summary>
internal static class ReplyParts
{
    private const long DefaultFrameBytes = 128_000;
    private static long _nextId;

    /// <summary>Sends <paramref name="reply"/> to <paramref name="replyTo"/> from <paramref name="sender"/>.</summary>
    public static void Send(ActorSystem system, IActorRef replyTo, object reply, IActorRef sender)
    {
        if (!replyTo.Path.Address.HasGlobalScope || reply is Status.Failure)
        {
            replyTo.Tell(reply, sender);
            return;
        }

        var extended = (ExtendedActorSystem)system;
        var serializer = system.Serialization.FindSerializerFor(reply);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, reply);
        var bytes = Akka.Serialization.Serialization.WithTransport(extended, () => serializer.ToBinary(reply));
        var size = PartBytes(system);
        var count = Math.Max(1, (int)((bytes.LongLength + size - 1) / size));
        var id = Interlocked.Increment(ref _nextId);
        for (var index = 0; index < count; index++)
        {
            var start = (int)(index * size);
            replyTo.Tell(new ReplyPart(id, index, count, serializer.Identifier, manifest, bytes[start..(int)Math.Min(bytes.LongLength, start + size)]), sender);
        }
    }

    /// <summary>Half the remote transport's frame: room for the envelope (paths, manifests) in every part.</summary>
    private static long PartBytes(ActorSystem system)
    {
        var frame = system.Settings.Config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size", null) ?? DefaultFrameBytes;
        return Math.Max(4_096, frame / 2);
    }
}

/// <summary>Puts <see cref="ReplyPart"/>s back together, per sender and answer.</summary>
internal sealed class ReplyAssembler
{
    private readonly Dictionary<(IActorRef Sender, long Id), byte[]?[]> _answers = [];

    /// <summary>
    /// Takes one part; returns the whole answer, deserialized, once its last part is in, otherwise <see langword="null"/>.
    /// </summary>
    public object? Take(ReplyPart part, IActorRef sender, ActorSystem system)
    {
        var key = (sender, part.Id);
        if (!_answers.TryGetValue(key, out var parts))
        {
            _answers[key] = parts = new byte[]?[part.Count];
        }

        parts[part.Index] = part.Bytes;
        if (Array.Exists(parts, p => p is null))
        {
            return null;
        }

        _answers.Remove(key);
        var bytes = new byte[parts.Sum(p => p!.Length)];
        var offset = 0;
        foreach (var piece in parts)
        {
            piece!.CopyTo(bytes, offset);
            offset += piece.Length;
        }

        return system.Serialization.Deserialize(bytes, part.SerializerId, part.Manifest);
    }
}
