using Akka.Actor;

namespace Eventure.Actors;

/// <summary>
/// Maps stable entity kind names (journaled in <c>entity.spawned</c>) to the props that create them, so a
/// simulation resumed from a journal can re-create its population. Kinds are names you choose, never CLR
/// type names.
/// </summary>
public sealed class EntityRegistry
{
    private readonly Dictionary<string, Func<Props>> _factories = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _kinds = [];

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="kind"/>.</summary>
    public EntityRegistry Register<T>(string kind)
        where T : SimulationEntity, new() =>
        Register(kind, typeof(T), () => Props.Create<T>());

    /// <summary>Registers a props factory for entities of <paramref name="entityType"/> under <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentException">The kind is empty or already registered.</exception>
    public EntityRegistry Register(string kind, Type entityType, Func<Props> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(entityType);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_factories.TryAdd(kind, factory))
        {
            throw new ArgumentException($"The entity kind '{kind}' is already registered.", nameof(kind));
        }

        _kinds.TryAdd(entityType, kind);
        return this;
    }

    /// <summary>The props for <paramref name="kind"/>, if registered.</summary>
    public bool TryCreate(string kind, out Props props)
    {
        if (_factories.TryGetValue(kind, out var factory))
        {
            props = factory();
            return true;
        }

        props = Props.None;
        return false;
    }

    /// <summary>The registered kind of <paramref name="entityType"/>, or <see langword="null"/>.</summary>
    public string? KindOf(Type? entityType) => entityType is not null && _kinds.TryGetValue(entityType, out var kind) ? kind : null;
}
