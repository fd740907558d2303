using Akka.Actor;

namespace Eventure.Actors.Persistence;

/// <summary>
/// Writes ticks into a simulation's journal without running it: an import (the CLI's <c>eventure import</c>), a
/// migration, or test data. The ticks land as a running simulation stores them, one row per tick, so
/// <see cref="JournalReader"/>, projections and the CLI read them like any other.
/// </summary>
/// <example>
/// <code>
/// var log = EventLog.LoadFromFile("town.jsonl");
/// var ticks = log.Events.GroupBy(e => e.Tick).Select(g => new StoredTick(g.Key, [.. g], [], Checksum: 0));
/// await JournalWriter.WriteTicksAsync(system, "town", ticks);
/// </code>
/// </example>
public static class JournalWriter
{
    private const int InFlight = 256;

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Appends <paramref name="ticks"/> (in ascending tick order, each after the last tick the journal holds) to
    /// simulation <paramref name="simulationId"/> in <paramref name="system"/>'s journal, under the simulation's
    /// <see cref="SimulationWriterLease"/>: nothing is written while another process writes the simulation.
    /// </summary>
    /// <param name="system">The actor system whose journal is written.</param>
    /// <param name="simulationId">The simulation.</param>
    /// <param name="ticks">The ticks, in order.</param>
    /// <param name="progress">Told how many ticks are stored after each one (ticks are sent ahead of their storage and
    /// stored in order, several per journal write).</param>
    /// <param name="timeout">How long one tick's write may take (2 minutes by default).</param>
    /// <param name="cancellationToken">Stops before the next tick; ticks already stored stay.</param>
    /// <returns>How many ticks were stored.</returns>
    /// <exception cref="SimulationException">Another process writes the simulation (nothing is written), the lease was
    /// lost, or a tick was refused (out of order, a source list of the wrong length, a journal failure); ticks before
    /// the failing one are stored. The message names the simulation, the journal and the tick.</exception>
    public static async Task<int> WriteTicksAsync(
        ActorSystem system, string simulationId, IEnumerable<StoredTick> ticks, IProgress<int>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentException.ThrowIfNullOrEmpty(simulationId);
        ArgumentNullException.ThrowIfNull(ticks);
        var journal = EventureExtension.Get(system).JournalDescription;
        await using var lease = await SimulationWriterLease.AcquireAsync(system, simulationId, cancellationToken);
        var writer = system.ActorOf(EventLogActor.Props(simulationId, new EventLogSettings(EveryTicks: 0, Keep: 1)));
        var written = 0;
        var sent = new Queue<(long Tick, Task<object> Reply)>();
        try
        {
            foreach (var tick in ticks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (lease is { IsHeld: false })
                {
                    throw new SimulationException($"simulation '{simulationId}' in {journal}: lost the writer lease at tick {tick.Tick}; ticks before it are stored.");
                }

                // Up to InFlight ticks are sent ahead; the log stores them in order, those that wait together.
                sent.Enqueue((tick.Tick, writer.Ask<object>(tick.ToAppend(), timeout ?? DefaultTimeout, cancellationToken)));
                if (sent.Count >= InFlight)
                {
                    await StoredAsync(sent.Dequeue());
                }
            }

            while (sent.TryDequeue(out var next))
            {
                await StoredAsync(next);
            }

            return written;
        }
        finally
        {
            // After a failure, wait for the replies already under way, so nothing is written after this returns.
            await Task.WhenAll(sent.Select(s => s.Reply)).ContinueWith(_ => { }, TaskScheduler.Default);
            await writer.GracefulStop(timeout ?? DefaultTimeout);
        }

        async Task StoredAsync((long Tick, Task<object> Reply) next)
        {
            if (await next.Reply is AppendTickFailed failed)
            {
                throw new SimulationException($"simulation '{simulationId}' in {journal}: tick {next.Tick} could not be stored: {failed.Reason} (ticks before it are stored).");
            }

            written++;
            progress?.Report(written);
        }
    }
}
