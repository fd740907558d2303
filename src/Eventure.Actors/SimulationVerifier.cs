using System.Collections.Immutable;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors.Persistence;
using Eventure.Actors.Verification;

namespace Eventure.Actors;

/// <summary>
/// Proves a journaled run deterministic: re-simulates it from its scenario and journaled seed and compares every
/// tick (events and checksum) with the journal, naming the first divergence.
/// </summary>
/// <remarks>
/// <para>The journal is read through <see cref="JournalReader"/> and never written. The re-simulation runs in a
/// separate actor system with an in-memory log (its own actors log nothing; what goes wrong is in the result or the
/// exception), with the checked system's <c>eventure</c> settings, so clock, groups and cascade limits match.</para>
/// <para>Tick by tick, it replays what the journal received from outside at that tick, in the order it was accepted:
/// input (re-sent with <c>SendInputAsync</c>), entities spawned from outside (respawned by kind) and entities
/// despawned from outside (the <c>cause</c> <c>external</c>). What the simulation did itself (publishes, scheduled
/// events, self-despawns, faults) must come out of the re-simulation again. <see cref="ISimulationScenario.SpawnAsync"/>
/// stands for the first spawns of tick 0: as many of them as entities it spawned.</para>
/// <para>Journals written before inputs were marked and despawns recorded their cause verify too (see
/// docs/determinism.md): unmarked input is any event with no source and no <c>entity.*</c> type, and a despawn
/// without cause that opens its tick counts as external.</para>
/// </remarks>
/// <example>
/// <code>
/// using var system = ActorSystem.Create("check", EventureConfig.SqliteReadOnly("town.db"));
/// var result = await SimulationVerifier.VerifyAsync(system, new TownScenario());
/// Console.WriteLine(result.IsDeterministic ? $"{result.TicksVerified} ticks verified" : $"diverged at tick {result.FirstDivergence!.Tick}");
/// </code>
/// </example>
public static class SimulationVerifier
{
    /// <summary>The most ticks run between two comparisons (and progress reports) when nothing comes from outside.</summary>
    private const int MaxTicksPerRun = 64;

    private static readonly Config Quiet = ConfigurationFactory.ParseString("""
        akka.loglevel = OFF
        akka.stdout-loglevel = OFF
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """);

    /// <summary>
    /// Checks the stored rows of simulation <paramref name="simulationId"/> against themselves, with no scenario:
    /// every tick stored with a digest of its events (tick marker version 2 and later) has the digest recomputed
    /// from the events as read back, so a row edited or corrupted after it was written is named, at its tick.
    /// </summary>
    /// <param name="system">An actor system whose journal holds the simulation.</param>
    /// <param name="simulationId">The simulation.</param>
    /// <param name="progress">Told the number of ticks checked so far.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>Intact (with how many older ticks had no digest to check), or the first tick whose rows changed.</returns>
    /// <exception cref="SimulationException">The journal holds no tick of the simulation.</exception>
    public static async Task<VerificationResult> VerifyStoredAsync(ActorSystem system, string simulationId, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentException.ThrowIfNullOrEmpty(simulationId);
        var journal = await JournalReader.LoadTicksAsync(system, simulationId).WaitAsync(cancellationToken);
        if (journal.Count == 0)
        {
            throw new SimulationException($"The journal holds no tick of simulation '{simulationId}'; there is nothing to verify.");
        }

        long ticks = 0, events = 0, undigested = 0;
        foreach (var tick in journal)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (tick.Version < Engine.TickDigest.Version)
            {
                undigested++;
                continue;
            }

            var digest = Engine.TickDigest.Of(tick.Tick, tick.Events);
            if (digest != tick.Digest)
            {
                var reason = $"its rows changed after they were stored: the digest of its events is {digest.ToString(CultureInfo.InvariantCulture)}, the stored one {tick.Digest.ToString(CultureInfo.InvariantCulture)}";
                return new VerificationResult(false, ticks, events, new Divergence(tick.Tick, null, tick.Digest.ToString(CultureInfo.InvariantCulture), digest.ToString(CultureInfo.InvariantCulture)) { Reason = reason })
                {
                    TicksUnchecked = undigested,
                };
            }

            ticks++;
            events += tick.Events.Length;
            if (ticks % 256 == 0)
            {
                progress?.Report(ticks);
            }
        }

        progress?.Report(ticks);
        return new VerificationResult(true, ticks, events, null) { TicksUnchecked = undigested };
    }

    /// <summary>
    /// Reads the journal of <paramref name="scenario"/>'s <see cref="ISimulationScenario.Id"/> from the journal
    /// configured in <paramref name="system"/>, re-simulates it from the journaled seed in a separate in-memory actor
    /// system (never writing to the journal it checks), re-injecting the journaled input and external spawns and
    /// despawns at their ticks, and compares tick by tick.
    /// </summary>
    /// <param name="system">An actor system whose journal holds the simulation (for example <c>EventureConfig.SqliteReadOnly(path)</c>).</param>
    /// <param name="scenario">The scenario the journal was written by.</param>
    /// <param name="progress">Told the number of ticks verified so far, after every run of ticks.</param>
    /// <param name="cancellationToken">Stops the verification (the re-simulation is shut down).</param>
    /// <returns>Deterministic, or the first divergence.</returns>
    /// <exception cref="ArgumentException">The scenario's id is empty.</exception>
    /// <exception cref="SimulationException">The journal holds no tick of the simulation, records no seed, or the
    /// re-simulation could not replay a tick (an unregistered kind, a failed tick); the message says which.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static async Task<VerificationResult> VerifyAsync(ActorSystem system, ISimulationScenario scenario, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(scenario);
        var id = scenario.Id;
        if (string.IsNullOrEmpty(id))
        {
            throw new ArgumentException("The scenario's Id is empty.", nameof(scenario));
        }

        var journal = await JournalReader.ReadTicksAsync(system, id).WaitAsync(cancellationToken);
        if (journal.IsEmpty)
        {
            throw new SimulationException($"The journal holds no tick of simulation '{id}'; there is nothing to verify.");
        }

        var seed = SeedOf(journal, id);
        var settings = EventureSettings.Create(system.Settings.Config);
        var resimulation = ActorSystem.Create("eventure-verify", Quiet.WithFallback(EventureConfig.InMemory()));
        try
        {
            var entities = new EntityRegistry();
            ScenarioStep(() => scenario.RegisterEntities(entities), id, "register its entity kinds");
            var simulation = await Simulation.StartAsync(resimulation, new SimulationOptions { Id = id, Seed = seed, Entities = entities, Settings = settings }, cancellationToken);
            await ScenarioStepAsync(() => scenario.SpawnAsync(simulation), id, "spawn its population");
            var scenarioSpawns = (await simulation.GetStatusAsync(cancellationToken)).EntityCount;
            return await CompareAsync(simulation, entities, journal, scenarioSpawns, progress, cancellationToken);
        }
        finally
        {
            await resimulation.Terminate();
        }
    }

    /// <summary>Runs the scenario's own code, reporting what it throws as the scenario's failure.</summary>
    private static void ScenarioStep(Action step, string id, string what)
    {
        try
        {
            step();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not SimulationException)
        {
            throw ScenarioFailed(id, what, ex);
        }
    }

    /// <inheritdoc cref="ScenarioStep"/>
    private static async Task ScenarioStepAsync(Func<Task> step, string id, string what)
    {
        try
        {
            await step();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not SimulationException)
        {
            throw ScenarioFailed(id, what, ex);
        }
    }

    private static SimulationException ScenarioFailed(string id, string what, Exception ex) =>
        new($"The scenario '{id}' failed to {what}: {ex.GetType().Name}: {ex.Message}", ex);

    private static int SeedOf(IReadOnlyList<AppendTick> journal, string id)
    {
        var events = journal.SelectMany(t => t.Events);
        return RuntimeEvents.SeedOf(events)
            ?? (events.Any(e => e.Type == RuntimeEvents.SpawnedType)
                ? throw new SimulationException($"The journal of '{id}' records no seed (its entity.spawned events predate seeds), so it cannot be re-simulated.")
                : 0);
    }

    private static async Task<VerificationResult> CompareAsync(Simulation simulation, EntityRegistry entities, IReadOnlyList<AppendTick> journal, int scenarioSpawns, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<long, AppendTick>(journal.Count);
        var actions = new Dictionary<long, ImmutableArray<ExternalAction>>();
        foreach (var tick in journal)
        {
            stored[tick.Tick] = tick;
            var received = ExternalActions.Of(tick, tick.Tick == 0 ? scenarioSpawns : 0);
            if (!received.IsEmpty)
            {
                actions[tick.Tick] = received;
            }
        }

        var last = journal[^1].Tick;
        long ticks = 0;
        long events = 0;
        for (var from = 0L; from <= last;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (actions.TryGetValue(from, out var received))
            {
                await ReplayAsync(simulation, entities, from, received, cancellationToken);
            }

            var until = from;
            while (until < last && until - from + 1 < MaxTicksPerRun && !actions.ContainsKey(until + 1))
            {
                until++;
            }

            var resimulated = await RunAsync(simulation, from, until, cancellationToken);
            foreach (var again in resimulated)
            {
                var journaled = stored.GetValueOrDefault(again.Tick);
                if (TickComparison.Compare(journaled, again, out var matching) is { } divergence)
                {
                    return new VerificationResult(false, ticks, events + matching, divergence);
                }

                ticks++;
                events += again.Events.Length;
            }

            progress?.Report(ticks);
            from = until + 1;
        }

        return new VerificationResult(true, ticks, events, null);
    }

    /// <summary>Replays a tick's external actions in order; consecutive spawns of one kind go in one batch.</summary>
    private static async Task ReplayAsync(Simulation simulation, EntityRegistry entities, long tick, ImmutableArray<ExternalAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            for (var i = 0; i < actions.Length; i++)
            {
                switch (actions[i])
                {
                    case SpawnAction spawn:
                        var ids = new List<string> { spawn.EntityId };
                        while (i + 1 < actions.Length && actions[i + 1] is SpawnAction next && next.Kind == spawn.Kind)
                        {
                            ids.Add(next.EntityId);
                            i++;
                        }

                        if (!entities.TryCreate(spawn.Kind, out var first))
                        {
                            throw new SimulationException($"the journal spawns '{spawn.EntityId}' of kind '{spawn.Kind}', which the scenario does not register.");
                        }

                        // Props from the registry's factory for each entity, as SpawnAsync(id, kind) makes them.
                        await simulation.SpawnManyAsync(ids, _ => entities.TryCreate(spawn.Kind, out var each) ? each : first, spawn.Kind, cancellationToken);
                        break;
                    case DespawnAction despawn:
                        await simulation.DespawnAsync(despawn.EntityId, cancellationToken);
                        break;
                    case InputAction input:
                        await simulation.SendInputAsync(input.Type, input.Data, cancellationToken);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or SimulationException)
        {
            throw new SimulationException($"Re-simulating '{simulation.Id}' failed at tick {tick.ToString(CultureInfo.InvariantCulture)}: {ex.Message}", ex);
        }
    }

    private static async Task<ImmutableArray<AppendTick>> RunAsync(Simulation simulation, long from, long until, CancellationToken cancellationToken)
    {
        try
        {
            await simulation.RunUntilTickAsync(until, cancellationToken);
        }
        catch (SimulationException ex)
        {
            throw new SimulationException($"Re-simulating '{simulation.Id}' failed between ticks {from.ToString(CultureInfo.InvariantCulture)} and {until.ToString(CultureInfo.InvariantCulture)}: {ex.Message}", ex);
        }

        var stored = await simulation.Coordinator.Ask<StoredTicks>(new GetStoredTicks(from), TimeSpan.FromMinutes(1), cancellationToken);
        return [.. stored.Ticks.Where(t => t.Tick <= until)];
    }
}
