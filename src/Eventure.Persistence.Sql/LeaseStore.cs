using System.Data.Common;
using System.Text.RegularExpressions;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Eventure.Persistence.Sql;

/// <summary>
/// The lease table in a journal's database: one row per lease (name, owner, expiry in the database's clock, in
/// milliseconds since 1970). Every operation is one statement, so two processes racing for a lease cannot both win.
/// </summary>
internal sealed partial class LeaseStore
{
    private readonly Func<DbConnection> _open;
    private readonly string _table;
    private readonly string _now;
    private readonly int _commandTimeoutSeconds;
    private volatile bool _created;

    private LeaseStore(Func<DbConnection> open, string table, string now, TimeSpan operationTimeout)
    {
        _open = open;
        _table = table;
        _now = now;
        _commandTimeoutSeconds = Math.Max(1, (int)Math.Ceiling(operationTimeout.TotalSeconds));
    }

    /// <summary>A store for <paramref name="providerName"/> (Akka.Persistence.Sql's provider names).</summary>
    /// <exception cref="ConfigurationException">The provider is neither SQLite nor PostgreSQL, or the table name is not an identifier.</exception>
    public static LeaseStore For(string providerName, string connectionString, string table, TimeSpan operationTimeout)
    {
        if (!TableName().IsMatch(table))
        {
            throw new ConfigurationException($"The lease table name '{table}' is not a plain (optionally schema-qualified) identifier.");
        }

        if (string.IsNullOrEmpty(connectionString))
        {
            throw new ConfigurationException("The SQL writer lease needs the journal's connection-string, which is empty.");
        }

        if (providerName.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase))
        {
            return new LeaseStore(() => new SqliteConnection(connectionString), table, "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)", operationTimeout);
        }

        if (providerName.StartsWith("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            return new LeaseStore(() => new NpgsqlConnection(connectionString), table, "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)", operationTimeout);
        }

        throw new ConfigurationException($"The SQL writer lease supports SQLite and PostgreSQL journals, not provider '{providerName}'; set eventure.writer.lease to another lease or off.");
    }

    /// <summary>Takes the lease for <paramref name="owner"/> if it is free, expired, or already the owner's.</summary>
    public Task<bool> TryAcquireAsync(string name, string owner, TimeSpan ttl, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"INSERT INTO {_table} (name, owner, expires_at) VALUES (@name, @owner, {_now} + @ttl) "
            + $"ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at "
            + $"WHERE {_table}.owner = excluded.owner OR {_table}.expires_at < {_now}",
            name, owner, ttl, cancellationToken);

    /// <summary>Extends the owner's lease; false when the row is no longer the owner's (taken over or deleted).</summary>
    public Task<bool> TryRenewAsync(string name, string owner, TimeSpan ttl, CancellationToken cancellationToken) =>
        ExecuteAsync($"UPDATE {_table} SET expires_at = {_now} + @ttl WHERE name = @name AND owner = @owner", name, owner, ttl, cancellationToken);

    /// <summary>Deletes the owner's lease; false when it was not the owner's.</summary>
    public Task<bool> ReleaseAsync(string name, string owner, CancellationToken cancellationToken) =>
        ExecuteAsync($"DELETE FROM {_table} WHERE name = @name AND owner = @owner", name, owner, ttl: null, cancellationToken);

    private async Task<bool> ExecuteAsync(string sql, string name, string owner, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        await using var connection = _open();
        await connection.OpenAsync(cancellationToken);
        if (!_created)
        {
            await CreateTableAsync(connection, cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = _commandTimeoutSeconds;
        Add(command, "name", name);
        Add(command, "owner", owner);
        if (ttl is { } time)
        {
            Add(command, "ttl", (long)time.TotalMilliseconds);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task CreateTableAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE IF NOT EXISTS {_table} (name VARCHAR(255) NOT NULL PRIMARY KEY, owner VARCHAR(512) NOT NULL, expires_at BIGINT NOT NULL)";
        command.CommandTimeout = _commandTimeoutSeconds;
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Two processes created the table at the same moment; the other one won.
        }

        _created = true;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TableName();
}
