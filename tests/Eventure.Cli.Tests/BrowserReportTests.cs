using System.Diagnostics;

namespace Eventure.Cli.Tests;

/// <summary>A fact that runs only when <c>EVENTURE_BROWSER_TESTS=1</c> (see scripts/browser/test.sh).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EVENTURE_BROWSER_TESTS") != "1")
        {
            Skip = "Opt-in: run scripts/browser/test.sh (installs Debian chromium) or set EVENTURE_BROWSER_TESTS=1.";
        }
    }
}

/// <summary>The HTML report rendered by a real browser (headless Chromium): the charts must be in the DOM.</summary>
[Trait("Category", "Browser")]
public sealed class BrowserReportTests
{
    [BrowserFact]
    public async Task Headless_chromium_should_render_the_report_with_its_charts()
    {
        using var temp = new TempFolder();
        await CliRun.RunAsync("report", CliRun.Fixture("seed-adventure.jsonl"), "-o", temp.File("report.html"));
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";

        var dom = await RunAsync(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", new Uri(temp.File("report.html")).AbsoluteUri);
        await RunAsync(chromium, "--headless", "--no-sandbox", "--disable-gpu", $"--screenshot={temp.File("report.png")}", "--window-size=1280,2000", new Uri(temp.File("report.html")).AbsoluteUri);

        Assert.Contains("<svg id=\"events-per-tick\"", dom, StringComparison.Ordinal);
        Assert.Contains("class=\"cascade-graph\"", dom, StringComparison.Ordinal);
        Assert.Contains("<table id=\"event-types\">", dom, StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.Count(dom, "<rect class=\"bar\"") > 5);
        Assert.True(new FileInfo(temp.File("report.png")).Length > 10_000, "the screenshot should not be blank");
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return await output;
    }
}
