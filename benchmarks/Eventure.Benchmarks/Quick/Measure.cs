using System.Diagnostics;

namespace Eventure.Benchmarks.Quick;

/// <summary>Timing helpers for quick mode: a warm-up run, then the median of several measured runs.</summary>
public static class Measure
{
    /// <summary>
    /// Runs <paramref name="setup"/> then times <paramref name="body"/> (setup excluded), once to warm up and
    /// <paramref name="runs"/> more times; returns the median seconds and the last run's result.
    /// </summary>
    public static (double Seconds, TResult Result) Median<TState, TResult>(Func<TState> setup, Func<TState, TResult> body, int runs = 3)
    {
        var times = new List<double>(runs);
        TResult result = default!;
        for (var i = 0; i <= runs; i++)
        {
            var state = setup();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var watch = Stopwatch.StartNew();
            result = body(state);
            watch.Stop();
            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalSeconds);
            }
        }

        times.Sort();
        return (times[times.Count / 2], result);
    }

    public static void Progress(string message) => Console.Error.WriteLine($"[quick] {message}");
}
