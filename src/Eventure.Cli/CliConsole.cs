using Spectre.Console;

namespace Eventure.Cli;

/// <summary>
/// Where a command writes. Progress bars and colour are used only when the output is the real console on a
/// terminal; redirected or captured output stays plain and quiet.
/// </summary>
internal sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public bool Interactive { get; } = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> under a progress bar named <paramref name="title"/> when interactive.</summary>
    public async Task<T> WithProgressAsync<T>(string title, Func<IProgress<double>, Task<T>> work)
    {
        if (!Interactive)
        {
            return await work(new Progress<double>(_ => { }));
        }

        return await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: 1.0);
                var result = await work(new SyncProgress<double>(value => task.Value = Math.Clamp(value, 0, 1)));
                task.Value = 1.0;
                return result;
            });
    }

    /// <summary>
    /// Runs <paramref name="work"/>, which counts <paramref name="unit"/> without knowing the total, under a spinner
    /// named <paramref name="title"/> when interactive.
    /// </summary>
    public async Task<T> WithCounterAsync<T>(string title, string unit, Func<IProgress<long>, Task<T>> work)
    {
        if (!Interactive)
        {
            return await work(new Progress<long>(_ => { }));
        }

        return await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title).IsIndeterminate();
                return await work(new SyncProgress<long>(count => task.Description = $"{title}: {count.ToString(System.Globalization.CultureInfo.InvariantCulture)} {unit}"));
            });
    }

    /// <summary>Reports at once on the calling thread (Progress&lt;T&gt; posts to a context the CLI does not have).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
