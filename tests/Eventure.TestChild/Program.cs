using Akka.Actor;
using Eventure.Actors;
using Eventure.TestSupport.Chaos;
using Eventure.TestSupport.Scenarios;

// alarm DB LAST_TICK: runs the alarm scenario through LAST_TICK (and accepts what comes before the next tick), prints
// "READY LAST_TICK" and waits to be killed.
// chaos DB PLAN_FILE PARTITIONS: runs the chaos plan in PLAN_FILE (ChaosPlan.ToJson) on the SQLite file DB with
// PARTITIONS tick groups from where its journal stands, printing "TICK n" as each tick is stored, then "DONE", and
// waits to be killed (it is meant to be killed in the middle of a later tick).
switch (args)
{
    case ["alarm", var db, var lastText] when long.TryParse(lastText, System.Globalization.CultureInfo.InvariantCulture, out var last):
    {
        var system = ActorSystem.Create("child", AlarmRun.Config(db));
        var sim = await Simulation.StartAsync(system, AlarmRun.Options(system));
        var next = (await sim.GetStatusAsync()).NextTick;
        await AlarmRun.RunAsync(sim, next, last);
        Console.Out.WriteLine($"READY {last}");
        Console.Out.Flush();
        await Task.Delay(Timeout.InfiniteTimeSpan);
        return 0;
    }

    case ["chaos", var db, var planFile, var partitionsText] when int.TryParse(partitionsText, System.Globalization.CultureInfo.InvariantCulture, out var partitions):
    {
        var plan = ChaosPlan.FromJson(await File.ReadAllTextAsync(planFile));
        await ChaosRun.RunAsync(plan, new ChaosVariant(Threads: 2, partitions, db, NoLease: true), progress: tick =>
        {
            Console.Out.WriteLine($"TICK {tick}");
            Console.Out.Flush();
        });
        Console.Out.WriteLine("DONE");
        Console.Out.Flush();
        await Task.Delay(Timeout.InfiniteTimeSpan);
        return 0;
    }

    default:
        Console.Error.WriteLine("usage: Eventure.TestChild alarm DB LAST_TICK | chaos DB PLAN_FILE PARTITIONS");
        return 2;
}
