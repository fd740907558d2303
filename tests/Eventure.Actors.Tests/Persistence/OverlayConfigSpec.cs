using Akka.Configuration;
using Eventure.Actors.Persistence;
using Eventure.Persistence.Sql;

namespace Eventure.Actors.Tests.Persistence;

/// <summary>The overlays in hocon/ only set keys that exist in our reference.conf or in the plugins' defaults.</summary>
public sealed class OverlayConfigSpec
{
    [Theory]
    [InlineData("inmem.conf")]
    [InlineData("sqlite.conf")]
    [InlineData("postgres.conf")]
    public void Every_overlay_key_should_exist_in_the_defaults(string overlay)
    {
        var defaults = EventureConfig.Default
            .WithFallback(SqlConfig.Defaults)
            .WithFallback(ConfigurationFactory.Default())
            .WithFallback(Resource(typeof(Akka.Persistence.Sql.SqlPersistence), "Akka.Persistence.Sql.persistence.conf"))
            .WithFallback(Resource(typeof(Akka.Persistence.Sql.SqlPersistence), "Akka.Persistence.Sql.snapshot.conf"))
            .WithFallback(Akka.Persistence.Persistence.DefaultConfig());
        var keys = Leaves(ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "hocon", overlay))));

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.True(defaults.HasPath(key), $"{overlay} sets '{key}', which no default defines."));
    }

    [Fact]
    public void The_sqlite_overlay_should_use_csv_tags_and_name_every_plugin_class()
    {
        var config = EventureConfig.Sqlite("/tmp/some.db");

        Assert.Equal("Csv", config.GetString("akka.persistence.journal.sql.tag-write-mode"));
        Assert.Equal("Csv", config.GetString("akka.persistence.query.journal.sql.tag-read-mode"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.StartsWith("Akka.Persistence.Sql.Journal.SqlWriteJournal", config.GetString("akka.persistence.journal.sql.class"), StringComparison.Ordinal);
        Assert.StartsWith("Akka.Persistence.Sql.Snapshot.SqlSnapshotStore", config.GetString("akka.persistence.snapshot-store.sql.class"), StringComparison.Ordinal);
        Assert.StartsWith("Akka.Persistence.Sql.Query.SqlReadJournalProvider", config.GetString("akka.persistence.query.journal.sql.class"), StringComparison.Ordinal);
        Assert.Equal("Data Source=/tmp/some.db", config.GetString("akka.persistence.journal.sql.connection-string"));
    }

    [Fact]
    public void Loading_an_overlay_file_should_read_the_database_path_from_the_environment()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "hocon", "sqlite.conf");
        Environment.SetEnvironmentVariable("EVENTURE_SQLITE_PATH", "/data/env.db");
        try
        {
            Assert.Equal("Data Source=/data/env.db", EventureConfig.Load(path).GetString("akka.persistence.snapshot-store.sql.connection-string"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("EVENTURE_SQLITE_PATH", null);
        }

        Assert.Equal("Data Source=eventure-data/eventure.db", EventureConfig.Load(path).GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Throws<FileNotFoundException>(() => EventureConfig.Load("/no/such/overlay.conf"));
    }

    [Fact]
    public void Preparing_a_file_that_is_not_a_database_should_fail_without_touching_it()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("eventure-bad-").FullName, "not-a-db.db");
        File.WriteAllText(path, "this is not a SQLite database, just text that is long enough to have a header.");

        Assert.ThrowsAny<Exception>(() => SqliteJournal.Prepare(path));
        SqliteJournal.ReleaseConnections();
        Assert.StartsWith("this is not a SQLite database", File.ReadAllText(path), StringComparison.Ordinal);
    }

    private static Config Resource(Type anchor, string name)
    {
        using var stream = anchor.Assembly.GetManifestResourceStream(name)!;
        return ConfigurationFactory.ParseString(new StreamReader(stream).ReadToEnd());
    }

    private static List<string> Leaves(Config config)
    {
        var keys = new List<string>();
        Walk(config.Root.GetObject(), string.Empty, keys);
        return keys;
    }

    private static void Walk(Akka.Configuration.Hocon.HoconObject node, string prefix, List<string> keys)
    {
        foreach (var (key, value) in node.Items)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value.IsObject())
            {
                Walk(value.GetObject(), path, keys);
            }
            else
            {
                keys.Add(path);
            }
        }
    }
}
