using System.Globalization;
using System.Text;
using Eventure.Cli.Report;
using Eventure.Cli.Sources;

namespace Eventure.Cli.Commands;

/// <summary><c>eventure report SOURCE -o report.html</c>: one self-contained HTML file.</summary>
internal static class ReportCommand
{
    public static async Task<int> RunAsync(CliConsole console, JournalSource source, string outPath)
    {
        var log = await console.WithProgressAsync("Reporting", progress => source.LoadAsync(null, progress));
        CommandSupport.RequireEvents(log, source);
        var html = HtmlReport.Render(log, source.Display);
        var temp = outPath + ".tmp";
        await File.WriteAllTextAsync(temp, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temp, outPath, overwrite: true);
        console.Out.WriteLine($"Wrote {outPath} ({html.Length.ToString("N0", CultureInfo.InvariantCulture)} characters): {log.Events.Count.ToString(CultureInfo.InvariantCulture)} events from {source.Display}");
        return 0;
    }
}
