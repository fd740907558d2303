using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Eventure.TestSupport.Chaos;

/// <summary>How an entity of a chaos run behaves: rates of each kind of decision, the same for the whole population.</summary>
/// <param name="Seed">The seed every decision hashes (with the entity id and the event or tick).</param>
/// <param name="PublishPercent">Share of ticks on which an entity publishes a root event, in percent.</param>
/// <param name="ReplyPermille">Share of deliveries answered with a child event (cascades), in per mille.</param>
/// <param name="FaultPermille">Share of deliveries (half of it for ticks) whose handler throws, in per mille.</param>
/// <param name="DespawnPermille">Share of ticks (a quarter of it for deliveries) on which an entity despawns itself, in per mille.</param>
/// <param name="SchedulePermille">Share of handlers that also publish into a later tick (<c>PublishAt</c>), in per mille.</param>
/// <param name="SubscribePermille">Share of deliveries that subscribe to or unsubscribe from a pattern, in per mille.</param>
/// <param name="DeferPermille">Share of replies sent later through a deferred reply, in per mille.</param>
/// <param name="MaxDepth">The deepest reply: a cascade has at most this many waves after its root.</param>
public sealed record ChaosKnobs(
    int Seed,
    int PublishPercent,
    int ReplyPermille,
    int FaultPermille,
    int DespawnPermille,
    int SchedulePermille,
    int SubscribePermille,
    int DeferPermille,
    int MaxDepth);

/// <summary>What happens from outside before a tick.</summary>
public enum ChaosOpKind
{
    /// <summary><c>SendInputAsync</c> of an event (its data names the op).</summary>
    Input,

    /// <summary><c>SpawnAsync</c> by kind (refused when the id is live).</summary>
    Spawn,

    /// <summary><c>DespawnAsync</c> (refused when the id is not live).</summary>
    Despawn,
}

/// <summary>One outside action, applied before <paramref name="Tick"/> runs.</summary>
/// <param name="Tick">The tick it joins.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Target">The entity id (spawn, despawn) or the event type (input).</param>
/// <param name="EntityKind">The kind spawned (spawns only).</param>
/// <param name="Number">The op's number in the plan (inputs carry it as <c>op</c>).</param>
public sealed record ChaosOp(long Tick, ChaosOpKind Kind, string Target, string? EntityKind, int Number)
{
    /// <summary>The text the op leaves in an accepted row of the journal (used to skip it when a killed run resumes).</summary>
    public string Mark => Kind == ChaosOpKind.Input ? OpLabel(Number) : $"\"{Target}\"";

    /// <summary>The label inputs carry in their data.</summary>
    public static string OpLabel(int number) => $"chaos-op-{number:D5}";
}

/// <summary>A stop of the simulation (<c>StopAsync</c>, a new actor system on the same journal, resume).</summary>
/// <param name="Tick">The next tick when it stops.</param>
/// <param name="AfterOps">Whether the ops of that tick were accepted (stored, not run) before the stop.</param>
public sealed record ChaosStop(long Tick, bool AfterOps);

/// <summary>
/// One generated chaos run: a population of wildcard subscribers that publish, cascade, fault, despawn themselves,
/// schedule into later ticks and change subscriptions, plus inputs, spawns and despawns from outside at given ticks,
/// and where to stop and resume. Everything follows from <see cref="Create"/>'s numbers (the seed above all), so a
/// failing run is reproduced from the seed its failure message names (or from the plan's JSON).
/// </summary>
/// <param name="Knobs">The population's behavior.</param>
/// <param name="Ticks">How many ticks the run takes.</param>
/// <param name="MaxFaultsPerTick"><c>eventure.entity.max-faults-per-tick</c> for the run.</param>
/// <param name="SnapshotEvery"><c>eventure.snapshot.every-ticks</c> for durable runs (growth 1.0).</param>
/// <param name="Ops">Spawns (the first population at tick 0), inputs and despawns, in the order they are applied.</param>
/// <param name="Stops">Where resumed runs stop and resume, in tick order.</param>
public sealed record ChaosPlan(
    ChaosKnobs Knobs,
    long Ticks,
    int MaxFaultsPerTick,
    int SnapshotEvery,
    ImmutableArray<ChaosOp> Ops,
    ImmutableArray<ChaosStop> Stops)
{
    /// <summary>The kind of entities whose state is a value (<see cref="ChaosValueEntity"/>).</summary>
    public const string ValueKind = "chaos-value";

    /// <summary>The kind of entities that replay their events (<see cref="ChaosReplayEntity"/>).</summary>
    public const string ReplayKind = "chaos-replay";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The initial population (the spawns of tick 0).</summary>
    public int Population => Ops.Count(o => o is { Tick: 0, Kind: ChaosOpKind.Spawn });

    /// <summary>Expands a plan from its numbers.</summary>
    /// <param name="seed">The seed of everything else.</param>
    /// <param name="entities">The first population.</param>
    /// <param name="ticks">How many ticks.</param>
    /// <param name="faultPermille">The share of deliveries that throw.</param>
    /// <param name="branching">About how many replies one event gets (cascade growth per wave).</param>
    public static ChaosPlan Create(int seed, int entities, int ticks, int faultPermille, double branching)
    {
        var random = new Random(seed);
        var knobs = new ChaosKnobs(
            Seed: seed,
            PublishPercent: random.Next(15, 50),
            // A delivery reaches about 0.6 of the population (two or three of 16 types' patterns, some '*').
            ReplyPermille: Math.Clamp((int)(1000 * branching / (0.6 * Math.Max(entities, 2))), 5, 600),
            FaultPermille: faultPermille,
            DespawnPermille: random.Next(0, 12),
            SchedulePermille: random.Next(10, 80),
            SubscribePermille: random.Next(5, 30),
            DeferPermille: random.Next(0, 60),
            MaxDepth: random.Next(2, 5));
        var ops = new List<ChaosOp>();
        var ids = new List<string>();
        for (var i = 0; i < entities; i++)
        {
            ids.Add(IdOf(i));
            ops.Add(new ChaosOp(0, ChaosOpKind.Spawn, IdOf(i), KindOf(random), ops.Count));
        }

        var next = entities;
        for (var tick = 1L; tick < ticks; tick++)
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            for (var n = random.Next(100) < 30 ? random.Next(1, 3) : 0; n > 0; n--)
            {
                ops.Add(new ChaosOp(tick, ChaosOpKind.Input, ChaosRules.RandomType(random), null, ops.Count));
            }

            if (random.Next(100) < 10)
            {
                // A new entity, or an old id again (refused while it is live).
                var id = random.Next(3) == 0 ? ids[random.Next(ids.Count)] : IdOf(next++);
                if (used.Add(id))
                {
                    ids.Add(id);
                    ops.Add(new ChaosOp(tick, ChaosOpKind.Spawn, id, KindOf(random), ops.Count));
                }
            }

            if (random.Next(100) < 8)
            {
                var id = ids[random.Next(ids.Count)];
                if (used.Add(id))
                {
                    ops.Add(new ChaosOp(tick, ChaosOpKind.Despawn, id, null, ops.Count));
                }
            }
        }

        var stops = Enumerable.Range(0, 3)
            .Select(_ => new ChaosStop(random.NextInt64(1, Math.Max(2, ticks)), random.Next(2) == 0))
            .DistinctBy(s => s.Tick)
            .OrderBy(s => s.Tick)
            .ToImmutableArray();
        int[] limits = [2, 3, 5, 100];
        int[] snapshots = [3, 7, 25];
        return new ChaosPlan(knobs, ticks, limits[random.Next(limits.Length)], snapshots[random.Next(snapshots.Length)], [.. ops], stops);
    }

    /// <summary>The id of the <paramref name="index"/>th entity.</summary>
    public static string IdOf(int index) => $"c{index.ToString("D3", CultureInfo.InvariantCulture)}";

    /// <summary>The plan as one line of JSON (what a child process reads).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a plan written by <see cref="ToJson"/>.</summary>
    public static ChaosPlan FromJson(string json) => JsonSerializer.Deserialize<ChaosPlan>(json, Json) ?? throw new JsonException("no plan");

    /// <summary>A short description for failure messages.</summary>
    public override string ToString() =>
        $"ChaosPlan(seed {Knobs.Seed}, {Population} entities, {Ticks} ticks, {Ops.Length} ops, faults {Knobs.FaultPermille}‰, " +
        $"max-faults {MaxFaultsPerTick}, snapshot every {SnapshotEvery}, stops {string.Join(' ', Stops.Select(s => $"{s.Tick}{(s.AfterOps ? "+" : "")}"))})";

    private static string KindOf(Random random) => random.Next(2) == 0 ? ValueKind : ReplayKind;
}
