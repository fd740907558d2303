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
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        const int FlushAt = 1 << 16;
        var writer = new JsonLineWriter(FlushAt + 4096);
        var lastTick = 0L;
        foreach (var e in _events)
        {
            writer.WriteEvent(e);
            writer.WriteNewLine();
            lastTick = Math.Max(lastTick, e.Tick);
            if (writer.Length >= FlushAt)
            {
                stream.Write(writer.Written);
                writer.Clear();
            }
        }

        if (CurrentTick != lastTick)
        {
            writer.WriteMeta(CurrentTick);
            writer.WriteNewLine();
        }

        stream.Write(writer.Written);
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

    /// <summary>Files larger than this are parsed in parallel chunks (each chunk is a run of whole lines).</summary>
    private const int ParallelChunkBytes = 1 << 20;

    private static EventLog Load(ReadOnlyMemory<byte> content, string? path, TimeProvider time, List<EventLogLineError>? skipped)
    {
        if (content.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }

        // Parsing is pure, so large files are split at line boundaries and parsed on every core; the chunks are
        // then joined in file order, so the result (and the first error reported) is the same as a serial parse.
        var chunks = SplitAtLines(content);
        var parsed = new ParsedChunk[chunks.Count];
        if (chunks.Count == 1)
        {
            parsed[0] = ParseChunk(chunks[0].Content, chunks[0].FirstLine, path, lenient: skipped is not null);
        }
        else
        {
            Parallel.For(0, chunks.Count, i => parsed[i] = ParseChunk(chunks[i].Content, chunks[i].FirstLine, path, lenient: skipped is not null));
        }

        var records = new List<(EventRecord Record, int Line)>(parsed.Sum(c => c.Records.Count));
        long? metaTick = null;
        foreach (var chunk in parsed)
        {
            if (chunk.Error is { } error)
            {
                throw error;
            }

            records.AddRange(chunk.Records);
            skipped?.AddRange(chunk.Skipped);
            metaTick = chunk.MetaTick ?? metaTick;
        }

        var log = new EventLog(time);
        var firstLine = new Dictionary<string, int>(records.Count, StringComparer.Ordinal);
        var accepted = new List<(EventRecord Record, int Line)>(records.Count);
        foreach (var (record, line) in records)
        {
            if (record.Id is not null && !firstLine.TryAdd(record.Id, line))
            {
                var problem = $"duplicate event id '{record.Id}' (first seen on line {firstLine[record.Id]}).";
                if (skipped is null)
                {
                    throw new EventLogFormatException(path, line, problem);
                }

                skipped.Add(new EventLogLineError(line, problem));
                continue;
            }

            if (record.Id is not null)
            {
                log._ids.Observe(record.Id);
            }

            accepted.Add((record, line));
        }

        var maxTick = 0L;
        foreach (var (record, _) in accepted)
        {
            log._events.Add(record.ToEvent(log._ids));
            maxTick = Math.Max(maxTick, record.Tick);
        }

        log.CurrentTick = metaTick is { } recorded ? Math.Max(recorded, maxTick) : maxTick;
        return log;
    }

    /// <summary>Runs of whole lines of about <see cref="ParallelChunkBytes"/>, with the number of their first line.</summary>
    private static List<(ReadOnlyMemory<byte> Content, int FirstLine)> SplitAtLines(ReadOnlyMemory<byte> content)
    {
        var chunks = new List<(ReadOnlyMemory<byte>, int)>();
        var firstLine = 1;
        while (content.Length > ParallelChunkBytes)
        {
            var newline = content.Span[ParallelChunkBytes..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            var chunk = content[..(ParallelChunkBytes + newline + 1)];
            chunks.Add((chunk, firstLine));
            firstLine += chunk.Span.Count((byte)'\n');
            content = content[chunk.Length..];
        }

        chunks.Add((content, firstLine));
        return chunks;
    }

    /// <summary>Parses one run of lines. Strict parsing stops at the first bad line and keeps its error.</summary>
    private static ParsedChunk ParseChunk(ReadOnlyMemory<byte> memory, int firstLine, string? path, bool lenient)
    {
        var result = new ParsedChunk();
        var pool = new StringPool();
        var content = memory.Span;
        var lineNumber = firstLine - 1;
        while (!content.IsEmpty)
        {
            lineNumber++;
            var end = content.IndexOf((byte)'\n');
            var line = end < 0 ? content : content[..end];
            content = end < 0 ? [] : content[(end + 1)..];
            if (line.Trim(" \t\r\f\v"u8).IsEmpty)
            {
                continue;
            }

            try
            {
                var record = EventJson.Read(line, path, lineNumber, pool);
                if (record.Event is { } e)
                {
                    result.Records.Add((e, lineNumber));
                }
                else
                {
                    result.MetaTick = record.MetaCurrentTick;
                }
            }
            catch (EventLogFormatException ex)
            {
                if (!lenient)
                {
                    result.Error = ex;
                    return result;
                }

                result.Skipped.Add(new EventLogLineError(lineNumber, ex.Problem ?? ex.Message));
            }
        }

        return result;
    }

    /// <summary>What one chunk of a file parsed to.</summary>
    private sealed class ParsedChunk
    {
        public List<(EventRecord Record, int Line)> Records { get; } = [];

        public List<EventLogLineError> Skipped { get; } = [];

        public long? MetaTick { get; set; }

        public EventLogFormatException? Error { get; set; }
    }
}
