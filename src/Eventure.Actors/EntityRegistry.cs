using Akka.Actor;

namespace Eventure.Actors;

/// <summary>
/// Maps stable entity kind names (journaled in <c>entity.spawned</c>) to the props that create them, so a
/// simulation resumed from a journal can re-create its population.
/// </summary>
/// <remarks>
/// Kinds are names you choose with <see cref="Register{T}(string)"/>. An entity spawned from props of an unregistered
/// type <c>T</c> gets the kind <c>T</c>'s name (<see cref="KindOf(Type)"/> stays null for it), and a kind that is not
/// registered is resolved on resume to the one concrete <see cref="SimulationEntity"/> type of that name with a
/// parameterless constructor in the loaded assemblies, so <c>SpawnAsync(id, Props.Create&lt;Villager&gt;())</c>
/// resumes without registration. Register a kind to keep a journal readable after renaming a class.
/// </remarks>
public sealed class EntityRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Func<Props>> _factories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _types = new(StringComparer.Ordinal);
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
        lock (_gate)
        {
            if (!_factories.TryAdd(kind, factory))
            {
                throw new ArgumentException($"The entity kind '{kind}' is already registered.", nameof(kind));
            }

            _types[kind] = entityType;
            _kinds.TryAdd(entityType, kind);
        }

        return this;
    }

    /// <summary>
    /// The props for <paramref name="kind"/>: a registered kind, a kind derived from a type spawned earlier, or the
    /// name of the one concrete <see cref="SimulationEntity"/> type of that name (with a parameterless constructor) in
    /// the loaded assemblies.
    /// </summary>
    public bool TryCreate(string kind, out Props props)
    {
        Func<Props>? factory;
        lock (_gate)
        {
            if (!_factories.TryGetValue(kind, out factory) && EntityTypes.Find(kind) is { } type)
            {
                factory = () => Props.Create(type);
                _factories[kind] = factory;
                _types[kind] = type;
            }
        }

        if (factory is not null)
        {
            props = factory();
            return true;
        }

        props = Props.None;
        return false;
    }

    /// <summary>The registered kind of <paramref name="entityType"/>, or <see langword="null"/>.</summary>
    public string? KindOf(Type? entityType)
    {
        lock (_gate)
        {
            return entityType is not null && _kinds.TryGetValue(entityType, out var kind) ? kind : null;
        }
    }

    /// <summary>
    /// The kind journaled for an entity spawned from <paramref name="props"/>: <paramref name="kind"/> when given, else
    /// the registered kind of its type, else the type's name, which is then remembered with these props (so the same
    /// registry can respawn it) and found again by name in a later process.
    /// </summary>
    /// <exception cref="ArgumentException">The derived kind is registered for another type.</exception>
    internal string KindFor(Props props, string? kind)
    {
        if (kind is not null)
        {
            return kind;
        }

        if (props.Type is not { } type)
        {
            return "entity";
        }

        lock (_gate)
        {
            if (_kinds.TryGetValue(type, out var registered))
            {
                return registered;
            }

            var derived = type.Name;
            if (_types.TryGetValue(derived, out var other) && other != type)
            {
                throw new ArgumentException(
                    $"The entity kind '{derived}' (the name of {type.FullName}) already stands for {other.FullName}; pass a kind to SpawnAsync or register one.", nameof(props));
            }

            _factories.TryAdd(derived, () => props);
            _types[derived] = type;
            return derived;
        }
    }
}
