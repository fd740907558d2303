using Akka.Actor;
using Eventure.Actors;
using Eventure.TestSupport.Scenarios;

// alarm DB LAST_TICK: runs the alarm scenario through LAST_TICK (and accepts what comes before the next tick), prints
// "READY LAST_TICK" and waits to be killed.
if (args.Length != 3 || args[0] != "alarm" || !long.TryParse(args[2], System.Globalization.CultureInfo.InvariantCulture, out var last))
{
    Console.Error.WriteLine("usage: Eventure.TestChild alarm DB LAST_TICK");
    return 2;
}

var system = ActorSystem.Create("child", AlarmRun.Config(args[1]));
var sim = await Simulation.StartAsync(system, AlarmRun.Options(system));
var next = (await sim.GetStatusAsync()).NextTick;
await AlarmRun.RunAsync(sim, next, last);
Console.Out.WriteLine($"READY {last}");
Console.Out.Flush();
await Task.Delay(Timeout.InfiniteTimeSpan);
return 0;
