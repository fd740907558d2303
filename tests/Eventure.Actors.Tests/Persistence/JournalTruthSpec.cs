using System.Diagnostics;
using Akka.Actor;
using Eventure.Actors.Persistence;
using Eventure.TestSupport.Scenarios;
using static Eventure.Actors.Tests.SimulationFixture;

namespace Eventure.Actors.Tests.Persistence;

/// <summary>
/// The journal is the only truth: a run stopped after any tick (with input and a despawn accepted for the next
/// one) and resumed from its SQLite journal exports exactly what a straight run exports — after a clean
/// <c>StopAsync</c>, and after the process was SIGKILLed. What a tick scheduled for later (<c>PublishAt</c>) survives.
/// </summary>
public sealed class JournalTruthSpec
{
    private const long LastTick = 9;

    [Fact]
    public async Task A_run_stopped_after_any_tick_should_resume_to_the_straight_runs_export()
    {
        var straight = await StraightAsync();
        Assert.Equal(2, Count(straight, "\"type\": \"alarm.ring\""));
        Assert.Equal(2, Count(straight, "\"type\": \"alarm.heard\""));

        for (var stop = 1L; stop < LastTick; stop++)
        {
            using var db = new TempDatabase();
            await RunAsync(db.Path, from: 0, to: stop);

            Assert.Equal(straight, await RunAsync(db.Path, from: stop + 1, to: LastTick));
        }
    }

    [Fact]
    public async Task A_run_killed_after_any_tick_should_resume_to_the_straight_runs_export()
    {
        var straight = await StraightAsync();
        for (var stop = 1L; stop < LastTick; stop++)
        {
            using var db = new TempDatabase();
            await KillAfterAsync(db.Path, stop);

            Assert.Equal(straight, await RunAsync(db.Path, from: stop + 1, to: LastTick));
        }
    }

    [Fact]
    public async Task A_publish_scheduled_before_a_stop_should_be_delivered_after_the_resume()
    {
        using var db = new TempDatabase();
        await RunAsync(db.Path, from: 0, to: 3);

        var resumed = await RunAsync(db.Path, from: 4, to: LastTick);

        Assert.Equal(2, Count(resumed, "\"type\": \"alarm.ring\""));
        Assert.Equal(2, Count(resumed, "\"type\": \"alarm.heard\""));
    }

    private static async Task<string> StraightAsync()
    {
        using var db = new TempDatabase();
        return await RunAsync(db.Path, from: 0, to: LastTick);
    }

    /// <summary>Runs ticks <paramref name="from"/> to <paramref name="to"/> in a system of its own and stops cleanly; returns the export.</summary>
    private static async Task<string> RunAsync(string db, long from, long to)
    {
        using var system = ActorSystem.Create("alarm", AlarmRun.Config(db));
        try
        {
            var sim = await Simulation.StartAsync(system, AlarmRun.Options(system));
            Assert.Equal(from, (await sim.GetStatusAsync()).NextTick);
            await AlarmRun.RunAsync(sim, from, to);
            var export = Export(await sim.GetLogAsync());
            await sim.StopAsync();
            return export;
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Runs the scenario in a child process through <paramref name="stop"/>, then SIGKILLs it.</summary>
    private static async Task KillAfterAsync(string db, long stop)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ChildPath());
        start.ArgumentList.Add("alarm");
        start.ArgumentList.Add(db);
        start.ArgumentList.Add(stop.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var child = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        child.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data == $"READY {stop}")
            {
                ready.TrySetResult();
            }
        };
        child.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        var exited = child.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != ready.Task)
        {
            lock (output)
            {
                Assert.Fail($"The child did not reach tick {stop}: {output}");
            }
        }

        child.Kill(); // SIGKILL: no shutdown, no flush
        await child.WaitForExitAsync();
        Eventure.Persistence.Sql.SqliteJournal.ReleaseConnections();
    }

    private static string ChildPath()
    {
        // tests/Eventure.Actors.Tests/bin/{Configuration}/{tfm}/ -> tests/Eventure.TestChild/bin/{Configuration}/{tfm}/
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = baseDir.Name;
        var configuration = baseDir.Parent!.Name;
        var tests = baseDir.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "Eventure.TestChild", "bin", configuration, tfm, "Eventure.TestChild.dll");
        Assert.True(File.Exists(path), $"The child program is not built at {path}.");
        return path;
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
