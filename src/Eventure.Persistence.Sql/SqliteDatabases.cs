using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace Eventure.Persistence.Sql;

/// <summary>Finds the SQLite files a configuration's journal and snapshot store use.</summary>
internal static class SqliteDatabases
{
    private static readonly string[] PluginKeys = ["akka.persistence.journal.plugin", "akka.persistence.snapshot-store.plugin"];

    /// <summary>The file of the default journal (a full path), or null when it is not a SQLite journal.</summary>
    public static string? JournalPathOf(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return FileOf(config, PluginKeys[0]) is { } file ? file.Path : null;
    }

    /// <summary>The distinct files of the default journal and snapshot store that are opened for writing.</summary>
    public static IEnumerable<string> WritablePathsOf(Config config) =>
        PluginKeys.Select(key => FileOf(config, key)).Where(file => file is { ReadOnly: false }).Select(file => file!.Value.Path).Distinct(StringComparer.Ordinal);

    private static (string Path, bool ReadOnly)? FileOf(Config config, string pluginKey)
    {
        var plugin = config.GetString(pluginKey, string.Empty);
        if (string.IsNullOrEmpty(plugin) || !config.HasPath(plugin)
            || !config.GetString($"{plugin}.provider-name", string.Empty).StartsWith("SQLite", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        SqliteConnectionStringBuilder connection;
        try
        {
            connection = new SqliteConnectionStringBuilder(config.GetString($"{plugin}.connection-string", string.Empty));
        }
        catch (ArgumentException)
        {
            return null;
        }

        var source = connection.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || connection.Mode == SqliteOpenMode.Memory)
        {
            return null;
        }

        // A URI (file:...) is how read-only connections open an immutable database: never prepared.
        var uri = source.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        return (uri ? new Uri(source.Split('?')[0]).LocalPath : Path.GetFullPath(source), uri || connection.Mode == SqliteOpenMode.ReadOnly);
    }
}
