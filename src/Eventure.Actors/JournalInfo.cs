using System.Data.Common;
using Akka.Configuration;

namespace Eventure.Actors;

/// <summary>The default journal plugin of a configuration: its id, whether it keeps anything, and a description.</summary>
/// <param name="PluginId">The plugin's configuration path (<c>akka.persistence.journal.plugin</c>).</param>
/// <param name="ClassName">The plugin's <c>class</c>, without the assembly part; empty when unknown.</param>
/// <param name="IsInMemory">Whether the plugin is Akka's in-memory journal (or derives from it): nothing survives the system.</param>
/// <param name="Description">A short description for messages: <c>SQLite eventure-data/town.db</c>,
/// <c>PostgreSQL database eventure on db.local</c>, or the plugin id.</param>
internal sealed record JournalInfo(string PluginId, string ClassName, bool IsInMemory, string Description)
{
    private const string InMemoryJournal = "Akka.Persistence.Journal.MemoryJournal";

    /// <summary>Reads the default journal of <paramref name="config"/> (Akka.Persistence's defaults as fallback).</summary>
    public static JournalInfo Of(Config config)
    {
        var persistence = config.WithFallback(Akka.Persistence.Persistence.DefaultConfig());
        var pluginId = persistence.GetString("akka.persistence.journal.plugin", string.Empty);
        if (string.IsNullOrEmpty(pluginId) || !persistence.HasPath(pluginId))
        {
            return new JournalInfo(pluginId, string.Empty, IsInMemory: true, "in-memory journal");
        }

        var plugin = persistence.GetConfig(pluginId);
        var className = plugin.GetString("class", string.Empty);
        var type = Type.GetType(className, throwOnError: false);
        var inMemory = type is not null && typeof(Akka.Persistence.Journal.MemoryJournal).IsAssignableFrom(type);
        var shortName = className.Split(',')[0].Trim();
        return new JournalInfo(pluginId, shortName, inMemory || shortName == InMemoryJournal, inMemory ? "in-memory journal" : Describe(pluginId, plugin));
    }

    /// <summary>Where a plugin's connection string points, without credentials; the plugin id without one.</summary>
    private static string Describe(string pluginId, Config plugin)
    {
        var connection = plugin.GetString("connection-string", string.Empty);
        var provider = plugin.GetString("provider-name", string.Empty);
        var kind = provider.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase) ? "SQLite"
            : provider.StartsWith("PostgreSQL", StringComparison.OrdinalIgnoreCase) ? "PostgreSQL"
            : provider.Length > 0 ? provider : pluginId;
        if (string.IsNullOrEmpty(connection))
        {
            return $"journal {pluginId}";
        }

        DbConnectionStringBuilder parts;
        try
        {
            parts = new DbConnectionStringBuilder { ConnectionString = connection };
        }
        catch (ArgumentException)
        {
            return $"{kind} journal {pluginId}";
        }

        if (Value(parts, "Data Source", "DataSource", "Filename") is { } file)
        {
            var full = Path.GetFullPath(file);
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
            return $"{kind} {(relative.StartsWith("..", StringComparison.Ordinal) ? full : relative)}";
        }

        if (Value(parts, "Host", "Server") is { } host)
        {
            return Value(parts, "Database") is { } database ? $"{kind} database {database} on {host}" : $"{kind} on {host}";
        }

        return $"{kind} journal {pluginId}";
    }

    private static string? Value(DbConnectionStringBuilder parts, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (parts.TryGetValue(key, out var value) && value is string text && text.Length > 0)
            {
                return text;
            }
        }

        return null;
    }
}
