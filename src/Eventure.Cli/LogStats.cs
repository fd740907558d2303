namespace Eventure.Cli;

/// <summary>One causal cascade: a parentless event (or one whose parent is not in the log) and its descendants.</summary>
/// <param name="Root">The first event of the cascade.</param>
/// <param name="Size">Events in the cascade, the root included.</param>
/// <param name="Depth">Levels below the root (0 for a lone event).</param>
internal sealed record Cascade(Event Root, int Size, int Depth);

/// <summary>Figures about a log: types, ticks, roots and cascades. Computed in one pass over the log.</summary>
internal sealed class LogStats
{
    private readonly Dictionary<string, (long First, long Last)> _tickRanges;

    private LogStats(EventLog log)
    {
        var query = log.CreateQuery();
        Types = [.. query.CountEventsByType().Select(pair => (pair.Key, pair.Value))];
        ViewerRoots = query.GetRootEvents().Count;
        var ticks = new HashSet<long>();
        var ranges = new Dictionary<string, (long First, long Last)>(StringComparer.Ordinal);
        foreach (var e in log.Events)
        {
            ticks.Add(e.Tick);
            ranges[e.Type] = ranges.TryGetValue(e.Type, out var range) ? (Math.Min(range.First, e.Tick), Math.Max(range.Last, e.Tick)) : (e.Tick, e.Tick);
        }

        TicksWithEvents = ticks.Count;
        FirstTick = ticks.Count == 0 ? 0 : ticks.Min();
        _tickRanges = ranges;

        var cascadeOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var depthOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var roots = new List<Event>();
        var sizes = new List<int>();
        var depths = new List<int>();
        foreach (var e in log.Events)
        {
            int cascade;
            int depth;
            if (e.ParentId is { } parent && cascadeOf.TryGetValue(parent, out var parentCascade))
            {
                cascade = parentCascade;
                depth = depthOf[parent] + 1;
                sizes[cascade]++;
                depths[cascade] = Math.Max(depths[cascade], depth);
            }
            else
            {
                cascade = roots.Count;
                depth = 0;
                roots.Add(e);
                sizes.Add(1);
                depths.Add(0);
            }

            cascadeOf.TryAdd(e.Id, cascade);
            depthOf.TryAdd(e.Id, depth);
        }

        Cascades = [.. roots.Select((root, i) => new Cascade(root, sizes[i], depths[i]))];
    }

    /// <summary>Event types with counts, in order of first appearance.</summary>
    public IReadOnlyList<(string Type, int Count)> Types { get; }

    /// <summary>Roots as the cascade viewer shows them (per tick, cross-tick children included).</summary>
    public int ViewerRoots { get; }

    public int TicksWithEvents { get; }

    /// <summary>The lowest tick with an event (0 for an empty log).</summary>
    public long FirstTick { get; }

    /// <summary>The first and last tick at which <paramref name="type"/> occurs.</summary>
    public (long First, long Last) TickRange(string type) => _tickRanges[type];

    /// <summary>Causal cascades in log order of their roots.</summary>
    public IReadOnlyList<Cascade> Cascades { get; }

    /// <summary>The deepest cascade (the first in log order on ties), or null for an empty log.</summary>
    public Cascade? Deepest => Cascades.Count == 0 ? null : Cascades.Aggregate((best, c) => c.Depth > best.Depth ? c : best);

    /// <summary>The <paramref name="count"/> largest cascades, largest first (log order on ties).</summary>
    public IReadOnlyList<Cascade> Largest(int count) =>
        [.. Cascades.Select((c, i) => (c, i)).OrderByDescending(x => x.c.Size).ThenBy(x => x.i).Take(count).Select(x => x.c)];

    public static LogStats Of(EventLog log) => new(log);
}
