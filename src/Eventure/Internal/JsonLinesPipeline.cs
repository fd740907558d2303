using System.Runtime.ExceptionServices;

namespace Eventure.Internal;

/// <summary>
/// Writes events as JSON lines to a <see cref="BlockSink"/>, formatting blocks of them on helper threads while the calling thread
/// writes the finished blocks in log order, so the output is the same as a serial write and writing overlaps
/// formatting. The calling thread formats too whenever the next block to write is not ready, so the write
/// finishes even when no helper ever gets a thread.
/// </summary>
internal sealed class JsonLinesPipeline
{
    /// <summary>How many events one block holds (about 640 KB of the seed's lines).</summary>
    internal const int BlockEvents = 4_096;

    private readonly Event[] _events;
    private readonly int _count;
    private readonly int _blockEvents;
    private readonly int _blocks;
    private readonly JsonLineWriter[] _slots;
    private readonly int[] _slotBlock;
    private readonly long[] _blockMaxTick;
    private readonly object _gate = new();
    private int _claimed;
    private int _written;
    private bool _stopped;
    private ExceptionDispatchInfo? _failure;

    private JsonLinesPipeline(Event[] events, int count, int blockEvents, int slots)
    {
        _events = events;
        _count = count;
        _blockEvents = blockEvents;
        _blocks = (count + blockEvents - 1) / blockEvents;
        _slots = new JsonLineWriter[slots];
        _slotBlock = new int[slots];
        _blockMaxTick = new long[_blocks];
        for (var i = 0; i < slots; i++)
        {
            _slots[i] = JsonLineWriter.Rent(Math.Min(blockEvents, count) * 160);
            _slotBlock[i] = -1;
        }
    }

    /// <summary>
    /// Writes the first <paramref name="count"/> events of <paramref name="events"/> to <paramref name="sink"/>,
    /// <paramref name="blockEvents"/> per block; returns their largest tick (0 for none or when all are negative).
    /// </summary>
    public static long Write(Event[] events, int count, BlockSink sink, int blockEvents = BlockEvents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockEvents, 1);
        var helpers = Math.Min(Environment.ProcessorCount, (count + blockEvents - 1) / blockEvents) - 1;
        var pipeline = new JsonLinesPipeline(events, count, blockEvents, helpers > 0 ? 2 * (helpers + 1) : 1);
        try
        {
            return pipeline.Run(sink, helpers);
        }
        finally
        {
            foreach (var slot in pipeline._slots)
            {
                slot.Return();
            }
        }
    }

    private long Run(BlockSink sink, int helpers)
    {
        var tasks = new Task[Math.Max(helpers, 0)];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = Task.Run(Help);
        }

        try
        {
            WriteAll(sink);
        }
        catch (Exception e)
        {
            Stop(ExceptionDispatchInfo.Capture(e));
        }

        // Helpers never throw: they record a failure and stop.
        Task.WaitAll(tasks);
        _failure?.Throw();
        var maxTick = 0L;
        foreach (var tick in _blockMaxTick)
        {
            maxTick = Math.Max(maxTick, tick);
        }

        return maxTick;
    }

    private void WriteAll(BlockSink sink)
    {
        for (var block = 0; block < _blocks; block++)
        {
            JsonLineWriter? ready = null;
            while (ready is null)
            {
                var own = -1;
                lock (_gate)
                {
                    if (_failure is not null)
                    {
                        return;
                    }

                    if (_slotBlock[block % _slots.Length] == block)
                    {
                        ready = _slots[block % _slots.Length];
                    }
                    else if (CanClaim())
                    {
                        own = _claimed++;
                    }
                    else
                    {
                        Monitor.Wait(_gate);
                    }
                }

                if (own >= 0)
                {
                    Format(own);
                }
            }

            sink.Write(ready.Written);
            lock (_gate)
            {
                _slotBlock[block % _slots.Length] = -1;
                _written = block + 1;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void Help()
    {
        try
        {
            while (true)
            {
                int block;
                lock (_gate)
                {
                    while (!CanClaim() && !_stopped && _claimed < _blocks)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (_stopped || _claimed >= _blocks)
                    {
                        return;
                    }

                    block = _claimed++;
                }

                Format(block);
            }
        }
        catch (Exception e)
        {
            Stop(ExceptionDispatchInfo.Capture(e));
        }
    }

    /// <summary>Whether another block can be claimed: one is left and its slot has been written (call under the gate).</summary>
    private bool CanClaim() => !_stopped && _claimed < _blocks && _claimed - _written < _slots.Length;

    private void Format(int block)
    {
        var writer = _slots[block % _slots.Length];
        writer.Clear();
        var maxTick = 0L;
        var end = (int)Math.Min(_count, (block + 1L) * _blockEvents);
        for (var i = block * _blockEvents; i < end; i++)
        {
            var e = _events[i];
            maxTick = Math.Max(maxTick, e.Tick);
            writer.WriteEvent(e);
            writer.WriteNewLine();
        }

        lock (_gate)
        {
            _blockMaxTick[block] = maxTick;
            _slotBlock[block % _slots.Length] = block;
            Monitor.PulseAll(_gate);
        }
    }

    private void Stop(ExceptionDispatchInfo failure)
    {
        lock (_gate)
        {
            _failure ??= failure;
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
    }
}
