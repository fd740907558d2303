namespace Eventure.Tests.TestSupport;

/// <summary>Small builders shared by the specs.</summary>
public static class TestData
{
    public static Dictionary<string, object?> Data(params (string Key, object? Value)[] entries)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>A fresh log on a <see cref="StepClock"/>, so timestamps increase in creation order.</summary>
    public static EventLog NewLog() => new(new StepClock());

    /// <summary>Loads hand-built events, given as JSON lines, the neutral way the conformance cases name.</summary>
    public static EventLog LoadLines(params string[] lines)
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, string.Join("\n", lines) + "\n");
        return EventLog.LoadFromFile(file.Path, new StepClock());
    }

    /// <summary>A JSON line for a hand-built event.</summary>
    public static string Line(long tick, string type, string id, string? parent = null, double timestamp = 0, string data = "{}") =>
        $"{{\"tick\": {tick}, \"timestamp\": {timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}, \"type\": \"{type}\", \"data\": {data}, \"event_id\": \"{id}\", \"parent_id\": {(parent is null ? "null" : $"\"{parent}\"")}}}";

    public static string Ids(IEnumerable<Event> events) => string.Join(", ", events.Select(e => e.Id));

    public static string PrintCascade(EventLog log, bool showData = true)
    {
        var output = new StringWriter();
        log.CreateQuery().PrintEventCascade(output, showData);
        return output.ToString();
    }

    public static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
