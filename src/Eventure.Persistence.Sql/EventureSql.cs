using Akka.Actor;
using Akka.Configuration;

namespace Eventure.Persistence.Sql;

/// <summary>
/// Eventure.Persistence.Sql in one actor system (an Akka extension): it adds this package's defaults (the writer lease)
/// as top-level fallback and prepares every writable SQLite database the journal and snapshot store use
/// (<see cref="SqliteJournal.Prepare"/>: folder, file, WAL, busy timeout). The SQLite and PostgreSQL overlays load it
/// when the actor system starts (<c>akka.extensions</c>); Eventure's own extension loads it too when this assembly is
/// present, so a system configured with plain Akka.Persistence.Sql HOCON gets it before its first simulation.
/// </summary>
public sealed class EventureSql : IExtension
{
    private static readonly Lazy<Config> ReferenceConfig = new(LoadReference);

    internal EventureSql(ExtendedActorSystem system)
    {
        system.Settings.InjectTopLevelFallback(Reference);
        PreparedDatabases = [.. SqliteDatabases.WritablePathsOf(system.Settings.Config)];
        foreach (var path in PreparedDatabases)
        {
            SqliteJournal.Prepare(path);
        }
    }

    /// <summary>The SQLite databases prepared when the extension loaded (full paths).</summary>
    public IReadOnlyList<string> PreparedDatabases { get; }

    /// <summary>This package's embedded <c>reference.conf</c>.</summary>
    internal static Config Reference => ReferenceConfig.Value;

    /// <summary>The extension of <paramref name="system"/>, loading it first if needed.</summary>
    public static EventureSql Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<EventureSql, EventureSqlProvider>();
    }

    private static Config LoadReference()
    {
        using var stream = typeof(EventureSql).Assembly.GetManifestResourceStream("Eventure.Persistence.Sql.reference.conf")
            ?? throw new InvalidOperationException("The embedded reference.conf is missing from Eventure.Persistence.Sql.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}

/// <summary>Creates the <see cref="EventureSql"/> extension (named in <c>akka.extensions</c> and <c>eventure.extensions</c>).</summary>
public sealed class EventureSqlProvider : ExtensionIdProvider<EventureSql>
{
    /// <inheritdoc />
    public override EventureSql CreateExtension(ExtendedActorSystem system) => new(system);
}
