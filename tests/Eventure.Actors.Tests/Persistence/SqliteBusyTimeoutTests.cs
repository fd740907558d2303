using Eventure.Actors.Persistence;
using Eventure.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace Eventure.Actors.Tests.Persistence;

/// <summary>The busy timeout is process-wide: these tests change it, so nothing runs beside them.</summary>
[CollectionDefinition(nameof(SqliteBusyTimeoutTests), DisableParallelization = true)]
public sealed class ProcessWideSqliteSettings;

[Collection(nameof(SqliteBusyTimeoutTests))]
public sealed class SqliteBusyTimeoutTests
{
    [Fact]
    public void Prepare_should_give_connections_opened_afterwards_the_default_busy_timeout()
    {
        using var db = new TempDatabase();

        Assert.Equal((long)SqliteJournal.DefaultBusyTimeout.TotalMilliseconds, BusyTimeoutOfNewConnection(db.Path));
        Assert.Equal(1_000L, BusyTimeoutOfNewConnection(db.Path));
    }

    [Fact]
    public void UseBusyTimeout_should_apply_to_connections_opened_afterwards_and_the_last_call_should_win()
    {
        using var db = new TempDatabase();
        try
        {
            Assert.True(SqliteJournal.UseBusyTimeout(TimeSpan.FromMilliseconds(1234)));
            Assert.Equal(1234L, BusyTimeoutOfNewConnection(db.Path));

            SqliteJournal.Prepare(db.Path, TimeSpan.FromSeconds(2));
            Assert.Equal(2000L, BusyTimeoutOfNewConnection(db.Path));
        }
        finally
        {
            SqliteJournal.UseBusyTimeout(SqliteJournal.DefaultBusyTimeout);
        }
    }

    [Fact]
    public void A_negative_busy_timeout_should_be_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SqliteJournal.UseBusyTimeout(TimeSpan.FromSeconds(-1)));

        Assert.Equal("timeout", error.ParamName);
    }

    /// <summary>A fresh native connection (no pool), as the journal's own connections are opened.</summary>
    private static long BusyTimeoutOfNewConnection(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";
        return (long)command.ExecuteScalar()!;
    }
}
