using System.Globalization;
using System.Text;

namespace Eventure.Internal;

/// <summary>
/// Writes the cascade viewer in the exact layout of the Python original (seed spec section 7), iteratively
/// and in time linear in the output.
/// </summary>
internal sealed class CascadePrinter(EventLog log, TextWriter output, bool showData)
{
    private const string Bullet = "●";
    private const string Down = "↓";
    private const string Branch = "└─";

    private readonly EventQuery _query = new(log);
    private readonly StringBuilder _line = new(128);

    public void PrintViewer()
    {
        WriteLine("===== EVENT CASCADE VIEWER =====");
        if (log.Count == 0)
        {
            WriteLine(string.Empty);
            WriteLine("<No events in log>");
            return;
        }

        foreach (var tick in log.TicksAscending())
        {
            PrintTick(tick);
        }
    }

    /// <summary>Prints the box of one tick: its roots and their trees, as the viewer does.</summary>
    public void PrintTick(long tick)
    {
        var label = tick.ToString(CultureInfo.InvariantCulture);
        WriteLine(string.Empty);
        WriteLine($"┌─── TICK {label} ───┐");
        var roots = _query.GetRootEvents(tick);
        if (roots.Count == 0)
        {
            WriteLine("  <No events>");
        }

        foreach (var root in roots)
        {
            PrintTree(root);
        }

        WriteLine("└" + new string('─', 14 + label.Length) + "┘");
    }

    /// <summary>Prints <paramref name="root"/> at level 1 with its same-tick descendants, depth first.</summary>
    public void PrintTree(Event root)
    {
        var printed = new HashSet<Event>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Event Event, int Level)>();
        stack.Push((root, 1));
        while (stack.TryPop(out var node))
        {
            if (!printed.Add(node.Event))
            {
                continue;
            }

            var children = PrintNode(node.Event, node.Level);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                if (!printed.Contains(children[i]))
                {
                    stack.Push((children[i], node.Level + 1));
                }
            }
        }
    }

    public void PrintDetails(Event e)
    {
        WriteLine($"{Bullet} {e.Type}{CausedBy(e, Parent(e))}");
        WriteLine($"  ID: {e.Id}");
        WriteData(e, "  ");
    }

    /// <summary>Prints one node (behaviour 45) and returns its same-tick children in print order.</summary>
    private List<Event> PrintNode(Event e, int level)
    {
        var indent = new string(' ', 2 * level);
        var parent = Parent(e);
        var marker = e.ParentId is null ? Bullet : parent is not null && parent.Tick < e.Tick ? Down : Branch;
        var continuation = marker == Branch ? "│ " : "  ";

        WriteLine(marker == Branch ? indent + "│" : "│");
        WriteLine($"{indent}{marker} {e.Type}{(marker == Down ? CausedBy(e, parent) : string.Empty)}");
        WriteLine($"{indent}{continuation}ID: {e.Id}");
        WriteData(e, indent + continuation);

        var sameTick = new List<Event>();
        var later = new SortedDictionary<long, int>();
        foreach (var position in log.ChildPositions(e.Id))
        {
            var child = log.EventAt(position);
            if (child.Tick > e.Tick)
            {
                later.TryGetValue(child.Tick, out var n);
                later[child.Tick] = n + 1;
            }
            else if (child.Tick == e.Tick && ReferenceEquals(Parent(child), e))
            {
                sameTick.Add(child);
            }
        }

        if (later.Count == 1)
        {
            var (tick, count) = later.First();
            WriteLine($"{indent}{continuation}{Down} Triggers events in tick {tick.ToString(CultureInfo.InvariantCulture)} ({count.ToString(CultureInfo.InvariantCulture)})");
        }
        else if (later.Count > 1)
        {
            var parts = later.Select(p => $"tick {p.Key.ToString(CultureInfo.InvariantCulture)} ({p.Value.ToString(CultureInfo.InvariantCulture)})");
            WriteLine($"{indent}{continuation}{Down} Triggers events in: {string.Join(", ", parts)}");
        }

        EventQuery.SortByTimestamp(sameTick, 0);
        return sameTick;
    }

    private void WriteData(Event e, string prefix)
    {
        if (!showData || e.Data.Count == 0)
        {
            return;
        }

        WriteLine(prefix + "Data:");
        for (var i = 0; i < e.Data.Count; i++)
        {
            WriteLine($"{prefix}  {e.Data.KeyAt(i)}: {DataValue.Str(e.Data.ValueAt(i))}");
        }
    }

    private Event? Parent(Event e) => e.ParentId is null ? null : log.GetEventById(e.ParentId);

    private static string CausedBy(Event e, Event? parent) =>
        parent is not null && parent.Tick < e.Tick
            ? $" (caused by: {parent.Type} @ tick {parent.Tick.ToString(CultureInfo.InvariantCulture)})"
            : string.Empty;

    private void WriteLine(string text)
    {
        _line.Clear().Append(text).Append('\n');
        output.Write(_line);
    }
}
