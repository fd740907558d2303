using System.Diagnostics;

namespace Eventure.Benchmarks.Quick;

/// <summary>Timing helpers for quick mode: a warm-up run, then the median of several measured runs.</summary>
public static class Measure
{
    /// <summary>The least time spent warming up, so tiered compilation reaches optimized code first.</summary>
    private static readonly TimeSpan MinimumWarmUp = TimeSpan.FromMilliseconds(600);

    /// <summary>
    /// Runs <paramref name="setup"/> then times <paramref name="body"/> (setup excluded): warm-up runs until at
    /// least 600 ms were spent in them (at most 20), then <paramref name="runs"/> measured runs; returns the
    /// median seconds and the last run's result.
    /// </summary>
    public static (double Seconds, TResult Result) Median<TState, TResult>(Func<TState> setup, Func<TState, TResult> body, int runs = 3)
    {
        var times = new List<double>(runs);
        TResult result = default!;
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 20 && (i == 0 || warm.Elapsed < MinimumWarmUp); i++)
        {
            result = body(setup());
        }

        for (var i = 1; i <= runs; i++)
        {
            var state = setup();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var watch = Stopwatch.StartNew();
            result = body(state);
            watch.Stop();
            times.Add(watch.Elapsed.TotalSeconds);
        }

        return (MedianOf(times), result);
    }

    /// <summary>The median of <paramref name="values"/> (sorts them).</summary>
    public static double MedianOf(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    public static void Progress(string message) => Console.Error.WriteLine($"[quick] {message}");
}
