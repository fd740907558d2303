using Eventure.Persistence.Sql;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Akka.Actor;
using Eventure.Actors.Persistence;
using Eventure.Actors.Tests.Persistence;
using Eventure.TestScenarios;
using Eventure.TestSupport;

namespace Eventure.Actors.Tests;

/// <summary>
/// <see cref="SimulationVerifier"/> on a scenario written only for the tests: a recorded run verifies, an edited row
/// is reported at its tick, older journals still verify, and what cannot be replayed fails clearly.
/// </summary>
public sealed class SimulationVerifierSpec : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task A_recorded_run_should_verify_as_deterministic_without_touching_the_journal()
    {
        using var db = new TempDatabase();
        await TownJournal.RecordAsync(db.Path);
        var before = Hash(db.Path);
        var reports = new List<long>();

        var (result, ticks) = await VerifyAsync(db.Path, new SyncProgress(reports.Add));

        // The run holds everything the verifier must replay or reproduce.
        var events = ticks.SelectMany(t => t.Events).ToList();
        Assert.Equal(2, ticks.Sum(t => t.Inputs.Count(marked => marked)));
        Assert.Equal(["self", "external"], events.Where(e => e.Type == "entity.despawned").Select(e => e.Data["cause"]));
        Assert.Single(events, e => e.Type == "entity.faulted");
        Assert.Contains(events, e => e.Type == "bread.stale");
        Assert.Equal(5, events.Count(e => e.Type == "entity.spawned"));
        Assert.Equal(new VerificationResult(true, 8, events.Count, null), result);
        Assert.Equal(8, reports[^1]);
        Assert.Equal(before, Hash(db.Path));
    }

    [Fact]
    public async Task An_edited_row_should_be_reported_at_its_tick_with_both_versions()
    {
        using var db = new TempDatabase();
        await TownJournal.RecordAsync(db.Path);
        var edited = JournalRows.EditEvent(db.Path, TownScenario.SimulationId, tick: 4, "bread.baked", "loaves", "99");

        var (result, ticks) = await VerifyAsync(db.Path);

        Assert.False(result.IsDeterministic);
        var divergence = result.FirstDivergence!;
        Assert.Equal((4L, edited), (divergence.Tick, divergence.EventId));
        Assert.Contains("\"loaves\": 99", divergence.Journal, StringComparison.Ordinal);
        Assert.DoesNotContain("\"loaves\": 99", divergence.Resimulated, StringComparison.Ordinal);
        Assert.Equal(4, result.TicksVerified);
        Assert.Equal(ticks.Take(4).Sum(t => t.Events.Length) + ticks[4].Events.IndexOf(ticks[4].Events.First(e => e.Id == edited)), result.EventsVerified);
        Assert.Matches("^event [0-9]+ of the tick differs$", divergence.Reason);
    }

    [Fact]
    public async Task An_edited_tick_checksum_should_be_reported_as_the_same_events_with_another_state()
    {
        using var db = new TempDatabase();
        await TownJournal.RecordAsync(db.Path);
        var stored = JournalRows.EditTickChecksum(db.Path, TownScenario.SimulationId, tick: 6, checksum: 12345);
        var resimulated = stored.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (result, _) = await VerifyAsync(db.Path);

        Assert.Equal(new Divergence(6, null, "12345", resimulated) { Reason = $"same events, but the state checksum is {resimulated} instead of the journaled 12345" }, result.FirstDivergence);
        Assert.Equal(6, result.TicksVerified);
    }

    [Fact]
    public async Task A_journal_written_before_causes_and_input_marks_should_still_verify()
    {
        using var db = new TempDatabase();
        await TownJournal.RecordAsync(db.Path);
        var (_, recorded) = await VerifyAsync(db.Path);

        // The same run as an older runtime journaled it: despawns without cause, input without marks.
        using var legacyDb = new TempDatabase();
        using (var system = ActorSystem.Create("legacy", EventureConfig.Sqlite(legacyDb.Path)))
        {
            var log = system.ActorOf(EventLogActor.Props(TownScenario.SimulationId));
            foreach (var tick in recorded)
            {
                var legacy = new AppendTick(tick.Tick, [.. tick.Events.Select(WithoutCause)], tick.Sources, tick.Checksum);
                Assert.IsType<TickAppended>(await log.Ask<object>(legacy, TimeSpan.FromSeconds(10)));
            }

            await system.Terminate();
        }

        var (result, stored) = await VerifyAsync(legacyDb.Path);

        Assert.DoesNotContain(stored.SelectMany(t => t.Events), e => e.Data.ContainsKey("cause"));
        Assert.True(result.IsDeterministic, result.FirstDivergence?.ToString());
        Assert.Equal(recorded.Sum(t => t.Events.Length), result.EventsVerified);
    }

    [Fact]
    public async Task A_scenario_that_cannot_replay_the_journal_should_fail_saying_why()
    {
        using var db = new TempDatabase();
        await TownJournal.RecordAsync(db.Path);

        var unregistered = await Assert.ThrowsAsync<SimulationException>(() => VerifyAsync(db.Path, scenario: new ForgetfulTown()));
        var throwing = await Assert.ThrowsAsync<SimulationException>(() => VerifyAsync(db.Path, scenario: new BrokenTown()));

        Assert.Equal("Re-simulating 'town' failed at tick 3: the journal spawns 'customer-3' of kind 'customer', which the scenario does not register.", unregistered.Message);
        Assert.Equal("The scenario 'town' failed to spawn its population: InvalidOperationException: the town burned down", throwing.Message);
    }

    [Fact]
    public async Task An_unknown_simulation_should_fail_and_cancellation_should_stop_the_verification()
    {
        using var db = new TempDatabase();
        await TownJournal.RecordAsync(db.Path);
        using var cancel = new CancellationTokenSource();

        var unknown = await Assert.ThrowsAsync<SimulationException>(() => VerifyAsync(db.Path, scenario: new OtherTown()));
        var cancelled = VerifyAsync(db.Path, new SyncProgress(_ => cancel.Cancel()), cancellationToken: cancel.Token);

        Assert.Equal("The journal holds no tick of simulation 'village'; there is nothing to verify.", unknown.Message);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
    }

    private static async Task<(VerificationResult Result, IReadOnlyList<StoredTick> Ticks)> VerifyAsync(
        string databasePath, IProgress<long>? progress = null, ISimulationScenario? scenario = null, CancellationToken cancellationToken = default)
    {
        using var system = ActorSystem.Create("check", EventureConfig.SqliteReadOnly(databasePath));
        try
        {
            var result = await SimulationVerifier.VerifyAsync(system, scenario ?? new TownScenario(), progress, cancellationToken);
            return (result, await JournalReader.LoadTicksAsync(system, TownScenario.SimulationId));
        }
        finally
        {
            await system.Terminate();
            SqliteJournal.ReleaseConnections();
        }
    }

    private static Event WithoutCause(Event e) => e.Type == "entity.despawned"
        ? new Event(e.Tick, e.Timestamp, e.Type, EventData.From(e.Data.Where(pair => pair.Key != "cause")), e.Id, e.ParentId)
        : e;

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Reports on the calling thread, so the last report is in before the verification returns.</summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>The town without its customers' kind: the spawn from outside at tick 3 cannot be replayed.</summary>
    private sealed class ForgetfulTown : ISimulationScenario
    {
        public string Id => TownScenario.SimulationId;

        public void RegisterEntities(EntityRegistry entities) => entities.Register<Baker>("baker").Register<Critic>("critic");

        public Task SpawnAsync(Simulation simulation) => new TownScenario().SpawnAsync(simulation);
    }

    private sealed class BrokenTown : ISimulationScenario
    {
        public string Id => TownScenario.SimulationId;

        public void RegisterEntities(EntityRegistry entities) => new TownScenario().RegisterEntities(entities);

        public Task SpawnAsync(Simulation simulation) => throw new InvalidOperationException("the town burned down");
    }

    private sealed class OtherTown : ISimulationScenario
    {
        public string Id => "village";

        public void RegisterEntities(EntityRegistry entities)
        {
        }

        public Task SpawnAsync(Simulation simulation) => Task.CompletedTask;
    }
}
