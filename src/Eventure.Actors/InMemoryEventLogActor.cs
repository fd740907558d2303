using System.Collections.Immutable;
using Akka.Actor;

namespace Eventure.Actors;

/// <summary>
/// A log actor that keeps every tick in memory: the default for tests and throwaway simulations. It speaks
/// the same protocol as the persistent <c>EventLogActor</c>.
/// </summary>
public sealed class InMemoryEventLogActor : ReceiveActor
{
    private readonly List<AppendTick> _ticks = [];

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public InMemoryEventLogActor()
    {
        Receive<AppendTick>(Append);
        Receive<GetEventLog>(_ => Sender.Tell(new EventLogResult(TimeTravel.LogOf(_ticks))));
        Receive<GetEventLogAtTick>(get => Sender.Tell(new EventLogResult(TimeTravel.LogOf(_ticks, get.Tick))));
        Receive<GetStoredTicks>(get => Sender.Tell(new StoredTicks(LastTick, [.. _ticks.Where(t => t.Tick >= get.FromTick)])));
        Receive<GetOwnHistory>(get => Sender.Tell(TimeTravel.OwnHistoryOf(_ticks, get)));
    }

    private long LastTick => _ticks.Count == 0 ? -1 : _ticks[^1].Tick;

    /// <summary>The props of an in-memory log.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new InMemoryEventLogActor());

    private void Append(AppendTick append)
    {
        if (append.Tick <= LastTick)
        {
            Sender.Tell(new AppendTickFailed(append.Tick, $"tick {append.Tick} is not after the last stored tick {LastTick}"));
            return;
        }

        if (append.Sources.Length != append.Events.Length)
        {
            Sender.Tell(new AppendTickFailed(append.Tick, $"tick {append.Tick} has {append.Events.Length} events but {append.Sources.Length} sources"));
            return;
        }

        _ticks.Add(append);
        Sender.Tell(new TickAppended(append.Tick, append.Events.Length, append.Checksum));
    }
}
