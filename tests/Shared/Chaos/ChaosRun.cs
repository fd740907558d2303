using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;
using Eventure.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace Eventure.TestSupport.Chaos;

/// <summary>How a chaos plan is run: dispatcher threads, partitions, and where the journal lives.</summary>
/// <param name="Threads">Dedicated dispatcher threads, or null for Akka's default dispatcher.</param>
/// <param name="Partitions"><c>eventure.tick.groups</c>.</param>
/// <param name="Database">A SQLite file for a durable run, or null for the in-memory log.</param>
/// <param name="Resume">Whether to stop and resume at the plan's stops (durable runs only).</param>
/// <param name="NoLease">Without a writer lease (for a journal whose writer is SIGKILLed: its lease would only delay the resume).</param>
public sealed record ChaosVariant(int? Threads, int Partitions, string? Database = null, bool Resume = false, bool NoLease = false)
{
    /// <summary>For failure messages.</summary>
    public override string ToString() =>
        $"{(Threads is { } t ? $"{t} thread(s)" : "default dispatcher")}, {Partitions} partition(s)" +
        (Database is null ? ", in memory" : Resume ? ", SQLite with stops" : ", SQLite");
}

/// <summary>What a chaos run journaled: the exported log and every stored tick's checksum.</summary>
/// <param name="Export">The log in the core's JSON lines.</param>
/// <param name="Checksums">Each stored tick's checksum, in tick order.</param>
public sealed record ChaosResult(string Export, long[] Checksums)
{
    /// <summary>How many events of <paramref name="type"/> the log holds.</summary>
    public int Count(string type) => Export.Split('\n').Count(line => line.Contains($"\"type\": \"{type}\"", StringComparison.Ordinal));

    /// <summary>How many events the log holds.</summary>
    public int Events => Export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => !line.StartsWith("{\"eventure_meta\"", StringComparison.Ordinal));
}

/// <summary>
/// Runs a <see cref="ChaosPlan"/>: applies its outside ops before their ticks, runs the ticks, and (for durable runs
/// with <see cref="ChaosVariant.Resume"/>) stops at the plan's stops, starts a new actor system on the same file and
/// resumes. A run that was killed resumes the same way: ops the journal already accepted are not applied twice.
/// </summary>
public static class ChaosRun
{
    public const string SimulationId = "chaos";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="plan"/> from the start (or from where its journal stands) to its last tick.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="variant">How to run it.</param>
    /// <param name="untilTick">Stop after this tick instead of the plan's last one (the child process runs on and is killed).</param>
    /// <param name="progress">Told each tick that was stored.</param>
    public static async Task<ChaosResult> RunAsync(ChaosPlan plan, ChaosVariant variant, long? untilTick = null, Action<long>? progress = null)
    {
        var last = untilTick ?? plan.Ticks - 1;
        var stops = variant.Resume ? new Queue<ChaosStop>(plan.Stops) : new Queue<ChaosStop>();
        var (system, sim) = await StartAsync(plan, variant);
        try
        {
            var next = (await sim.GetStatusAsync()).NextTick;
            // A resumed journal may already hold some of the next tick's ops (accepted before a stop or a kill).
            var accepted = variant.Database is { } db && next > 0 ? AcceptedSinceLastTick(db) : [];
            while (stops.Count > 0 && stops.Peek().Tick < next)
            {
                stops.Dequeue();
            }

            for (var tick = next; tick <= last; tick++)
            {
                var stop = stops.Count > 0 && stops.Peek().Tick == tick ? stops.Dequeue() : null;
                if (stop is { AfterOps: false })
                {
                    (system, sim) = await RestartAsync(plan, variant, system, sim, tick);
                }

                if (tick == 0 && next == 0)
                {
                    // The first population at once, as a real simulation starts.
                    var first = plan.Ops.Where(o => o is { Tick: 0, Kind: ChaosOpKind.Spawn }).ToList();
                    var kinds = OptionsOf(plan).Entities;
                    await sim.SpawnManyAsync(
                        first.Select(o => o.Target),
                        id => kinds.TryCreate(first.First(o => o.Target == id).EntityKind!, out var props) ? props : throw new InvalidOperationException($"no kind for {id}"));
                }

                foreach (var op in plan.Ops.Where(o => o.Tick == tick && tick > 0))
                {
                    if (tick == next && accepted.Any(row => row.Contains(op.Mark, StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    await ApplyAsync(sim, op);
                }

                if (stop is { AfterOps: true })
                {
                    (system, sim) = await RestartAsync(plan, variant, system, sim, tick);
                }

                await sim.StepAsync();
                progress?.Invoke(tick);
            }

#if EVENTURE_TEST_CHILD
            // The child process is killed before it gets here; its journal is compared by the run that resumes it.
            long[] checksums = [];
#else
            var stored = await sim.Coordinator.Ask<StoredTicks>(new GetStoredTicks(0), Patience);
            long[] checksums = [.. stored.Ticks.Select(t => t.Checksum)];
#endif
            return new ChaosResult(Export(await sim.GetLogAsync()), checksums);
        }
        finally
        {
            await sim.StopAsync();
            await system.Terminate();
        }
    }

    /// <summary>The configuration of a run of <paramref name="plan"/> as <paramref name="variant"/>.</summary>
    public static Config ConfigOf(ChaosPlan plan, ChaosVariant variant)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            eventure.tick.groups = {{variant.Partitions}}
            eventure.tick.timeout = 30s
            eventure.entity.max-faults-per-tick = {{plan.MaxFaultsPerTick}}
            eventure.snapshot { every-ticks = {{plan.SnapshotEvery}}, growth = 1.0 }
            {{(variant.NoLease ? "eventure.writer.lease = off" : string.Empty)}}
            """);
        if (variant.Threads is { } threads)
        {
            config = config.WithFallback(EventureConfig.DedicatedThreads(threads));
        }

        return config.WithFallback(variant.Database is { } db ? EventureConfig.Sqlite(db) : EventureConfig.InMemory());
    }

    /// <summary>The options of a chaos simulation: its id, seed and the two entity kinds.</summary>
    public static SimulationOptions OptionsOf(ChaosPlan plan)
    {
        var options = new SimulationOptions { Id = SimulationId, Seed = plan.Knobs.Seed, AskTimeout = Patience, RunTimeout = TimeSpan.FromMinutes(10) };
        var knobs = plan.Knobs;
        options.Entities.Register(ChaosPlan.ValueKind, typeof(ChaosValueEntity), () => Props.Create(() => new ChaosValueEntity(knobs)));
        options.Entities.Register(ChaosPlan.ReplayKind, typeof(ChaosReplayEntity), () => Props.Create(() => new ChaosReplayEntity(knobs)));
        return options;
    }

    private static async Task<(ActorSystem, Simulation)> StartAsync(ChaosPlan plan, ChaosVariant variant)
    {
        var system = ActorSystem.Create("chaos", ConfigOf(plan, variant));
        try
        {
            return (system, await Simulation.StartAsync(system, OptionsOf(plan)));
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    private static async Task<(ActorSystem, Simulation)> RestartAsync(ChaosPlan plan, ChaosVariant variant, ActorSystem system, Simulation sim, long tick)
    {
        await sim.StopAsync();
        await system.Terminate();
        var (resumedSystem, resumed) = await StartAsync(plan, variant);
        var next = (await resumed.GetStatusAsync()).NextTick;
        if (next != tick)
        {
            await resumedSystem.Terminate();
            throw new InvalidOperationException($"stopped before tick {tick}, but the resumed simulation continues at tick {next}");
        }

        return (resumedSystem, resumed);
    }

    private static async Task ApplyAsync(Simulation sim, ChaosOp op)
    {
        try
        {
            switch (op.Kind)
            {
                case ChaosOpKind.Input:
                    await sim.SendInputAsync(op.Target, new Dictionary<string, object?> { ["op"] = ChaosOp.OpLabel(op.Number), ["depth"] = 0L });
                    break;
                case ChaosOpKind.Spawn:
                    await sim.SpawnAsync(op.Target, op.EntityKind!);
                    break;
                case ChaosOpKind.Despawn:
                    await sim.DespawnAsync(op.Target);
                    break;
            }
        }
        catch (ArgumentException)
        {
            // Spawning a live id or despawning one that is gone is refused, the same way in every run.
        }
    }

    /// <summary>The log in the core's JSON lines.</summary>
    public static string Export(EventLog log)
    {
        using var stream = new MemoryStream();
        log.WriteTo(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The payloads of the rows accepted after the last stored tick (what a stopped or killed run accepted for the next one).</summary>
    private static List<string> AcceptedSinceLastTick(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            select payload from event_journal
            where persistence_id = $id and manifest = 'acc1'
              and sequence_nr > coalesce((select max(sequence_nr) from event_journal where persistence_id = $id and manifest = 'row1'), 0)
            order by sequence_nr
            """;
        command.Parameters.AddWithValue("$id", "eventure-" + SimulationId);
        var rows = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(Encoding.UTF8.GetString((byte[])reader.GetValue(0)));
        }

        return rows;
    }
}
