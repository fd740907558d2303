using Akka.Actor;
using Akka.Configuration;
using Eventure.Actors;
using Eventure.Actors.Persistence;
using Eventure.Persistence.Sql;

namespace Eventure.TestSupport.Scenarios;

/// <summary>
/// The journal-truth scenario: a scheduler that publishes into later ticks, a listener that answers the alarms, a
/// keeper whose state is a value (news it noted), and an entity despawned from outside; input arrives between
/// ticks. A run can stop after any tick (once the next tick's input and despawn are accepted) and resume.
/// </summary>
public static class AlarmRun
{
    public const string SimulationId = "alarm";

    /// <summary>A durable system on the SQLite file <paramref name="db"/>: snapshots every 3 ticks, no writer lease (a killed writer's lease would only delay the resume).</summary>
    public static Config Config(string db) => ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        eventure.snapshot.every-ticks = 3
        eventure.writer.lease = off
        """).WithFallback(EventureConfig.Sqlite(db));

    public static SimulationOptions Options(ActorSystem system)
    {
        var options = new SimulationOptions
        {
            Id = SimulationId,
            Seed = 11,
            LogProps = EventLogActor.Props(SimulationId, EventLogSettings.Create(system.Settings.Config)),
            AskTimeout = TimeSpan.FromSeconds(30),
            RunTimeout = TimeSpan.FromSeconds(60),
        };
        options.Entities.Register<Scheduler>("scheduler");
        options.Entities.Register<Listener>("listener");
        options.Entities.Register<Keeper>("keeper");
        options.Entities.Register<Retiree>("retiree");
        return options;
    }

    /// <summary>What comes from outside before tick <paramref name="tick"/> runs.</summary>
    public static async Task BeforeTickAsync(Simulation sim, long tick)
    {
        switch (tick)
        {
            case 0:
                await sim.SpawnAsync("s1", "scheduler");
                await sim.SpawnAsync("l1", "listener");
                await sim.SpawnAsync("k1", "keeper");
                await sim.SpawnAsync("r1", "retiree");
                break;
            case 2 or 4 or 7:
                await sim.SendInputAsync("news.flash", new Dictionary<string, object?> { ["n"] = tick });
                break;
            case 5:
                await sim.DespawnAsync("r1");
                await sim.SendInputAsync("news.flash", new Dictionary<string, object?> { ["n"] = tick, ["late"] = true });
                break;
        }
    }

    /// <summary>
    /// Runs ticks <paramref name="from"/> to <paramref name="to"/> (the outside steps of <paramref name="from"/> already
    /// done unless <paramref name="from"/> is 0), then accepts the outside steps of the tick after <paramref name="to"/>.
    /// </summary>
    public static async Task RunAsync(Simulation sim, long from, long to)
    {
        if (from == 0)
        {
            await BeforeTickAsync(sim, 0);
        }

        for (var tick = from; tick <= to; tick++)
        {
            await sim.StepAsync();
            await BeforeTickAsync(sim, tick + 1);
        }
    }

    public sealed class Scheduler : SimulationEntity
    {
        protected override void OnTick(long tick)
        {
            if (tick == 2)
            {
                PublishAt(7, "alarm.ring", new Dictionary<string, object?> { ["set_at"] = 2L });
            }
            else if (tick == 3)
            {
                PublishAt(6, "alarm.ring", new Dictionary<string, object?> { ["set_at"] = 3L });
            }
        }
    }

    public sealed class Listener : SimulationEntity
    {
        private long _heard;

        protected override void OnStart() => Subscribe("alarm.*");

        protected override void OnEvent(Event e)
        {
            if (e.Type == "alarm.ring")
            {
                Publish("alarm.heard", new Dictionary<string, object?> { ["heard"] = _heard + 1, ["roll"] = Random.Next(100) });
            }
        }

        protected override void Apply(Event e) => _heard = (long)e.Data["heard"]!;

        protected override long StateChecksum() => _heard;
    }

    public sealed record Notes(long Count, string Last);

    public sealed class Keeper : SimulationEntity<Notes>
    {
        protected override Notes InitialState => new(0, "");

        protected override void OnStart() => Subscribe("news.*");

        protected override void OnEvent(Event e)
        {
            if (e.Type == "news.flash")
            {
                Publish("news.noted", new Dictionary<string, object?> { ["count"] = State.Count + 1, ["of"] = e.Id });
            }
        }

        protected override Notes Apply(Notes state, Event e) => new((long)e.Data["count"]!, (string)e.Data["of"]!);

        protected override long StateChecksum() => State.Count * 31 + State.Last.Length;
    }

    public sealed class Retiree : SimulationEntity
    {
        protected override void OnTick(long tick)
        {
            if (tick % 2 == 1)
            {
                Publish("retiree.yawned");
            }
        }
    }
}
