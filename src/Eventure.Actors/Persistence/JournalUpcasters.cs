using Akka.Actor;

namespace Eventure.Actors.Persistence;

/// <summary>The upcasters of one actor system (an Akka extension): register them before recovery starts.</summary>
public sealed class JournalUpcasters : IExtension
{
    private volatile IJournalUpcaster[] _upcasters = [];

    /// <summary>The registry of <paramref name="system"/>.</summary>
    public static JournalUpcasters For(ActorSystem system) => system.WithExtension<JournalUpcasters, JournalUpcastersProvider>();

    /// <summary>Adds an upcaster; upcasters run in registration order.</summary>
    public void Register(IJournalUpcaster upcaster)
    {
        ArgumentNullException.ThrowIfNull(upcaster);
        lock (this)
        {
            _upcasters = [.. _upcasters, upcaster];
        }
    }

    /// <summary>Whether no upcaster is registered (payloads can be decoded without a text copy).</summary>
    internal bool IsEmpty => _upcasters.Length == 0;

    internal (string Manifest, string Json) Apply(string manifest, string json)
    {
        foreach (var upcaster in _upcasters)
        {
            (manifest, json) = upcaster.Upcast(manifest, json);
        }

        return (manifest, json);
    }
}

/// <summary>Creates the <see cref="JournalUpcasters"/> extension.</summary>
public sealed class JournalUpcastersProvider : ExtensionIdProvider<JournalUpcasters>
{
    /// <inheritdoc />
    public override JournalUpcasters CreateExtension(ExtendedActorSystem system) => new();
}
