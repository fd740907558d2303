using Akka.Configuration;

namespace Eventure.Examples.Tests.Support;

/// <summary>One run of the examples' command line, with what it printed.</summary>
internal sealed record AppRun(int ExitCode, string Output, string Error)
{
    public static async Task<AppRun> RunAsync(Config? extra = null, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExamplesApp.RunAsync(args, output, error, extra);
        return new AppRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The text between the first line starting with <paramref name="header"/> and the next blank line.</summary>
    public string Section(string header)
    {
        var lines = Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l.StartsWith(header, StringComparison.Ordinal));
        Assert.True(start >= 0, $"'{header}' not found in:\n{Output}");
        var end = lines.FindIndex(start, string.IsNullOrEmpty);
        return string.Join('\n', lines[start..(end < 0 ? lines.Count : end)]);
    }

    /// <summary>What the run printed about the simulation: from its first <c>=====</c> section up to the journal's name.</summary>
    public string Printed
    {
        get
        {
            var start = Output.IndexOf("=====", StringComparison.Ordinal);
            var end = Output.LastIndexOf("\nJournal: ", StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, $"no sections before 'Journal:' in:\n{Output}");
            return Output[start..end];
        }
    }
}
