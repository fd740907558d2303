using System.Text;
using Eventure.Internal;

namespace Eventure;

/// <summary>Saving and loading the JSON-lines form of a log.</summary>
public sealed partial class EventLog
{
    /// <summary>
    /// Writes the log as JSON lines (one <see cref="Event.ToJson"/> per line, in log order) to
    /// <paramref name="path"/>, atomically: the text goes to a temporary file beside it that is then renamed
    /// over the target, so an existing file is never left half-written.
    /// </summary>
    /// <remarks>
    /// When the current tick is past the last event's tick, a final metadata line
    /// <c>{"eventure_meta": {"format": 1, "current_tick": N}}</c> records it, so it survives a reload.
    /// Without trailing empty ticks the file is byte-identical to what the Python original writes.
    /// </remarks>
    public void SaveToFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            throw;
        }
    }

    /// <summary>Writes the log's JSON-lines form (see <see cref="SaveToFile"/>) to <paramref name="stream"/>.</summary>
    /// <remarks>
    /// Large logs are formatted in parallel, a few blocks of <see cref="SaveBlockEvents"/> events at a time, and the
    /// blocks are written in log order, so the bytes are the same as a serial write.
    /// </remarks>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var events = _events.AsSpan().ToArray();
        var blocks = (events.Length + SaveBlockEvents - 1) / SaveBlockEvents;
        var writers = new JsonLineWriter[Math.Min(Math.Max(blocks, 1), 2 * Environment.ProcessorCount)];
        for (var i = 0; i < writers.Length; i++)
        {
            writers[i] = new JsonLineWriter(SaveBlockEvents * 160);
        }

        for (var first = 0; first < blocks; first += writers.Length)
        {
            var wave = Math.Min(writers.Length, blocks - first);
            if (wave == 1)
            {
                FormatBlock(events, first, writers[0]);
            }
            else
            {
                Parallel.For(0, wave, i => FormatBlock(events, first + i, writers[i]));
            }

            for (var i = 0; i < wave; i++)
            {
                stream.Write(writers[i].Written);
            }
        }

        var lastTick = 0L;
        foreach (var e in events)
        {
            lastTick = Math.Max(lastTick, e.Tick);
        }

        if (CurrentTick != lastTick)
        {
            var meta = writers[0];
            meta.Clear();
            meta.WriteMeta(CurrentTick);
            meta.WriteNewLine();
            stream.Write(meta.Written);
        }
    }

    /// <summary>How many events one parallel save block formats (about 1.3 MB of the seed's lines).</summary>
    private const int SaveBlockEvents = 8_192;

    private static void FormatBlock(Event[] events, int block, JsonLineWriter writer)
    {
        writer.Clear();
        var end = Math.Min(events.Length, (block + 1) * SaveBlockEvents);
        for (var i = block * SaveBlockEvents; i < end; i++)
        {
            writer.WriteEvent(events[i]);
            writer.WriteNewLine();
        }
    }

    /// <summary>Loads a JSON-lines file written by <see cref="SaveToFile"/> or by the Python original.</summary>
    /// <inheritdoc cref="LoadFromFile(string, TimeProvider)" path="/remarks"/>
    /// <inheritdoc cref="LoadFromFile(string, TimeProvider)" path="/exception"/>
    public static EventLog LoadFromFile(string path) => LoadFromFile(path, TimeProvider.System);

    /// <summary>Loads a JSON-lines file; events added afterwards are stamped by <paramref name="time"/>.</summary>
    /// <remarks>
    /// Blank lines are skipped and events keep file order. The current tick is the one recorded in the
    /// metadata line, or else the largest event tick (at least 0). Sequence counters continue after the
    /// loaded ids, so new events never duplicate them. Loading is all or nothing: the first bad line fails
    /// the whole load and no partial log is returned (see <see cref="LoadFromFileLenient"/>).
    /// </remarks>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="EventLogFormatException">A line is not a valid event (the message names file and line),
    /// or two events share an id.</exception>
    public static EventLog LoadFromFile(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(time);
        return Load(File.ReadAllBytes(path), path, time, skipped: null);
    }

    /// <summary>
    /// Loads what can be loaded: bad lines (and events whose id was already seen) are skipped and reported
    /// in <see cref="EventLogLoadResult.SkippedLines"/> instead of failing the load.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static EventLogLoadResult LoadFromFileLenient(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var skipped = new List<EventLogLineError>();
        var log = Load(File.ReadAllBytes(path), path, time ?? TimeProvider.System, skipped);
        return new EventLogLoadResult(log, skipped);
    }

    /// <summary>Loads JSON lines from <paramref name="stream"/>; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="EventLogFormatException">A line is not a valid event.</exception>
    public static EventLog Load(Stream stream, string? sourceName = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Load(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), sourceName, time ?? TimeProvider.System, skipped: null);
    }
}
