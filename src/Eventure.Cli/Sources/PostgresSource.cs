using Akka.Configuration;
using Eventure.Actors;
using Eventure.Persistence.Sql;

namespace Eventure.Cli.Sources;

/// <summary>A PostgreSQL journal (<c>postgres:Host=...;Database=...</c>) with <c>--sim ID</c>.</summary>
internal sealed class PostgresSource(string connectionString, string simulationId) : ActorJournalSource
{
    public override string Display => $"PostgreSQL (simulation '{simulationId}')";

    public override string? SimulationId => simulationId;

    public override long? SizeBytes => null;

    protected override Config JournalConfig => EventureConfig.Postgres(connectionString);

    protected override void Validate()
    {
        // The journal reports an unknown simulation as an empty log; the commands say so.
    }
}
