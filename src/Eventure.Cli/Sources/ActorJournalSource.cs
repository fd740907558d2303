using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors.Persistence;
using Eventure.Actors;
using Eventure.Persistence.Sql;

namespace Eventure.Cli.Sources;

/// <summary>A simulation journal read through Akka.Persistence, with a private, short-lived actor system.</summary>
internal abstract class ActorJournalSource : JournalSource
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The configuration of the journal, read-only where the plugin allows it.</summary>
    protected abstract Config JournalConfig { get; }

    /// <summary>Checks the journal exists and holds the simulation, with a clear message otherwise.</summary>
    protected abstract void Validate();

    public override async Task<EventLog> LoadAsync(long? untilTick, IProgress<double> progress)
    {
        Validate();
        progress.Report(0.05);
        var log = await WithSystemAsync(system => JournalReader.LoadAsync(system, SimulationId!, untilTick, ReadTimeout));
        progress.Report(1);
        return log;
    }

    public override async Task<IReadOnlyList<StoredTick>?> LoadTicksAsync()
    {
        Validate();
        return await WithSystemAsync(system => JournalReader.LoadTicksAsync(system, SimulationId!, ReadTimeout));
    }

    /// <summary>Checks the stored rows against their digests (<see cref="SimulationVerifier.VerifyStoredAsync"/>).</summary>
    public async Task<VerificationResult> VerifyStoredAsync(IProgress<long> progress, CancellationToken cancellationToken)
    {
        Validate();
        return await WithSystemAsync(system => SimulationVerifier.VerifyStoredAsync(system, SimulationId!, progress, cancellationToken));
    }

    /// <summary>Verifies the simulation against <paramref name="scenario"/> (see <see cref="SimulationVerifier"/>).</summary>
    public async Task<VerificationResult> VerifyAsync(ISimulationScenario scenario, IProgress<long> progress, CancellationToken cancellationToken)
    {
        Validate();
        return await WithSystemAsync(system => SimulationVerifier.VerifyAsync(system, scenario, progress, cancellationToken));
    }

    private async Task<T> WithSystemAsync<T>(Func<ActorSystem, Task<T>> read)
    {
        var system = QuietActorSystem.Create("eventure-cli", JournalConfig);
        try
        {
            return await read(system);
        }
        finally
        {
            await system.Terminate();
            SqliteJournal.ReleaseConnections();
        }
    }
}
