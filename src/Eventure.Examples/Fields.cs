namespace Eventure.Examples;

/// <summary>Builds event data in the order the fields are written (key order is kept in the log).</summary>
internal static class Fields
{
    public static IReadOnlyDictionary<string, object?> Of(params (string Key, object? Value)[] entries)
    {
        var data = new Dictionary<string, object?>(entries.Length, StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>A numeric field as a double, whether it was written as an integer or a float.</summary>
    public static double Number(Event e, string key) =>
        Convert.ToDouble(e.Data[key], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A text field.</summary>
    public static string Text(Event e, string key) => (string)e.Data[key]!;
}
