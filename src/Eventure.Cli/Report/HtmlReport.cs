using System.Globalization;
using System.Net;
using System.Text;

namespace Eventure.Cli.Report;

/// <summary>
/// One self-contained HTML page about a log: events per tick stacked by type, graphs of the largest cascades,
/// and the type table. Inline SVG and CSS only: no scripts, no network.
/// </summary>
internal static class HtmlReport
{
    private const int ChartWidth = 960;
    private const int ChartHeight = 280;
    private const int MaxBars = 200;
    private const int GraphCascades = 3;
    private const int MaxGraphNodes = 120;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly string[] Palette =
    [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ];

    public static string Render(EventLog log, string title)
    {
        var stats = LogStats.Of(log);
        var colours = stats.Types.Select((t, i) => (t.Type, Colour: Palette[i % Palette.Length])).ToDictionary(x => x.Type, x => x.Colour, StringComparer.Ordinal);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Eventure report: ").Append(Encode(title)).Append("</title>\n");
        html.Append("""
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
            h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
            table { border-collapse: collapse; } td, th { padding: 0.25rem 0.75rem; border-bottom: 1px solid #ddd; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .swatch { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.4rem; vertical-align: middle; }
            .legend span { margin-right: 1rem; white-space: nowrap; }
            svg text { font-size: 11px; fill: #333; }
            </style>
            </head>
            <body>

            """);
        html.Append("<h1>Eventure report: ").Append(Encode(title)).Append("</h1>\n");
        html.Append(Invariant, $"<p id=\"summary\">{log.Events.Count} events, ticks {stats.FirstTick}–{log.CurrentTick}, {stats.Types.Count} event types, {stats.ViewerRoots} roots, {stats.Cascades.Count} cascades.</p>\n");

        html.Append("<h2>Events per tick</h2>\n");
        AppendTickChart(html, log, stats, colours);
        html.Append("<h2>Largest cascades</h2>\n");
        foreach (var cascade in stats.Largest(GraphCascades))
        {
            AppendCascadeGraph(html, log, cascade, colours);
        }

        html.Append("<h2>Event types</h2>\n<table id=\"event-types\">\n<thead><tr><th>Type</th><th>Count</th><th>Share</th><th>First tick</th><th>Last tick</th></tr></thead>\n<tbody>\n");
        foreach (var (type, count) in stats.Types)
        {
            var (first, last) = stats.TickRange(type);
            html.Append(Invariant, $"<tr><td><span class=\"swatch\" style=\"background:{colours[type]}\"></span>{Encode(type)}</td><td class=\"num\">{count}</td><td class=\"num\">{100.0 * count / log.Events.Count:F1}%</td><td class=\"num\">{first}</td><td class=\"num\">{last}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendTickChart(StringBuilder html, EventLog log, LogStats stats, Dictionary<string, string> colours)
    {
        if (log.Events.Count == 0)
        {
            html.Append("<p>No events.</p>\n");
            return;
        }

        var first = stats.FirstTick;
        var span = log.CurrentTick - first + 1;
        var perBar = Math.Max(1, (span + MaxBars - 1) / MaxBars);
        var bars = (int)((span + perBar - 1) / perBar);
        var counts = new Dictionary<string, int>[bars];
        for (var i = 0; i < bars; i++)
        {
            counts[i] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        foreach (var e in log.Events)
        {
            var bar = counts[(int)((e.Tick - first) / perBar)];
            bar[e.Type] = bar.GetValueOrDefault(e.Type) + 1;
        }

        var max = Math.Max(1, counts.Max(c => c.Values.Sum()));
        const int left = 40;
        const int bottom = 24;
        var plotHeight = ChartHeight - bottom - 10;
        var barWidth = (ChartWidth - left - 10) / (double)bars;
        html.Append(Invariant, $"<svg id=\"events-per-tick\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{ChartWidth}\" height=\"{ChartHeight}\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\" role=\"img\" aria-label=\"Events per tick, stacked by type\">\n");
        html.Append(Invariant, $"<line x1=\"{left}\" y1=\"{10 + plotHeight}\" x2=\"{ChartWidth - 10}\" y2=\"{10 + plotHeight}\" stroke=\"#999\"/>\n");
        html.Append(Invariant, $"<text x=\"{left - 4}\" y=\"14\" text-anchor=\"end\">{max}</text><text x=\"{left - 4}\" y=\"{10 + plotHeight}\" text-anchor=\"end\">0</text>\n");
        for (var i = 0; i < bars; i++)
        {
            var y = 10.0 + plotHeight;
            var from = first + (i * perBar);
            var label = perBar == 1 ? $"tick {from}" : $"ticks {from}–{from + perBar - 1}";
            foreach (var (type, _) in stats.Types)
            {
                if (counts[i].TryGetValue(type, out var n))
                {
                    var h = plotHeight * n / (double)max;
                    y -= h;
                    html.Append(Invariant, $"<rect class=\"bar\" x=\"{left + (i * barWidth):F2}\" y=\"{y:F2}\" width=\"{Math.Max(0.5, barWidth - 1):F2}\" height=\"{h:F2}\" fill=\"{colours[type]}\"><title>{Encode(label)}: {Encode(type)} × {n}</title></rect>\n");
                }
            }
        }

        var step = Math.Max(1, bars / 10);
        for (var i = 0; i < bars; i += step)
        {
            html.Append(Invariant, $"<text x=\"{left + (i * barWidth):F2}\" y=\"{ChartHeight - 6}\">{first + (i * perBar)}</text>\n");
        }

        html.Append("</svg>\n<p class=\"legend\">");
        foreach (var (type, _) in stats.Types)
        {
            html.Append(Invariant, $"<span><span class=\"swatch\" style=\"background:{colours[type]}\"></span>{Encode(type)}</span>");
        }

        html.Append("</p>\n");
    }

    /// <summary>A left-to-right tree: depth on x, leaves in order on y, edges from parent to child.</summary>
    private static void AppendCascadeGraph(StringBuilder html, EventLog log, Cascade cascade, Dictionary<string, string> colours)
    {
        var query = log.CreateQuery();
        var nodes = new List<(Event Event, int Depth, double Y, int Parent)>();
        var nextRow = 0;
        Place(cascade.Root, 0, -1);
        const int columnWidth = 150;
        const int rowHeight = 22;
        var width = 40 + ((nodes.Max(n => n.Depth) + 1) * columnWidth);
        var height = 20 + (Math.Max(1, nextRow) * rowHeight);
        var truncated = cascade.Size > nodes.Count ? $" (first {nodes.Count} shown)" : string.Empty;
        html.Append(Invariant, $"<h3>{Encode(cascade.Root.Type)} <small>{Encode(cascade.Root.Id)}, tick {cascade.Root.Tick}: {cascade.Size} events, depth {cascade.Depth}{truncated}</small></h3>\n");
        html.Append(Invariant, $"<svg class=\"cascade-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Cascade of {Encode(cascade.Root.Id)}\">\n");
        foreach (var node in nodes.Where(n => n.Parent >= 0))
        {
            var parent = nodes[node.Parent];
            html.Append(Invariant, $"<line class=\"edge\" x1=\"{X(parent.Depth) + 6}\" y1=\"{parent.Y:F1}\" x2=\"{X(node.Depth) - 6}\" y2=\"{node.Y:F1}\" stroke=\"#aaa\"/>\n");
        }

        foreach (var node in nodes)
        {
            var e = node.Event;
            html.Append(Invariant, $"<g class=\"node\"><circle cx=\"{X(node.Depth)}\" cy=\"{node.Y:F1}\" r=\"6\" fill=\"{colours[e.Type]}\"><title>{Encode(e.Type)} {Encode(e.Id)} (tick {e.Tick})</title></circle>");
            html.Append(Invariant, $"<text x=\"{X(node.Depth) + 9}\" y=\"{node.Y + 4:F1}\">{Encode(e.Type)}</text></g>\n");
        }

        html.Append("</svg>\n");

        double Place(Event e, int depth, int parent)
        {
            var index = nodes.Count;
            nodes.Add((e, depth, 0, parent));
            var children = nodes.Count < MaxGraphNodes ? query.GetChildEvents(e) : [];
            var ys = new List<double>();
            foreach (var child in children)
            {
                if (nodes.Count >= MaxGraphNodes)
                {
                    break;
                }

                ys.Add(Place(child, depth + 1, index));
            }

            var y = ys.Count == 0 ? 20 + (nextRow++ * rowHeight) : (ys[0] + ys[^1]) / 2;
            nodes[index] = (e, depth, y, parent);
            return y;
        }

        static int X(int depth) => 20 + (depth * columnWidth);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
