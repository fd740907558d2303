using System.Runtime.InteropServices;
using Eventure.Internal;

namespace Eventure;

/// <summary>Parsing a JSON-lines file into a log: in parallel chunks, straight from UTF-8.</summary>
public sealed partial class EventLog
{
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

        long? metaTick = null;
        var total = 0;
        foreach (var chunk in parsed)
        {
            if (chunk.Error is { } error)
            {
                throw error;
            }

            total += chunk.Events.Count;
            skipped?.AddRange(chunk.Skipped);
            metaTick = chunk.MetaTick ?? metaTick;
        }

        var log = new EventLog(time);
        log._events.EnsureCapacity(total);
        var lines = new int[total];
        var hashes = new int[total];
        var pending = new List<(int Position, EventRecord Record)>();
        foreach (var chunk in parsed)
        {
            log._ids.Merge(chunk.Ids);
            var next = 0;
            for (var i = 0; i < chunk.Events.Count; i++)
            {
                var position = log._events.Count;
                var e = chunk.Events[i];
                if (e is null)
                {
                    // No id in the file: one is generated below, once every loaded id has been seen.
                    pending.Add((position, chunk.Pending[next++]));
                }

                lines[position] = chunk.Lines[i];
                hashes[position] = chunk.IdHashes[i];
                log._events.Add(e!);
            }
        }

        var duplicates = log._positions.AddAll(log._events, hashes);
        if (duplicates.Count > 0)
        {
            var (position, first) = duplicates[0];
            if (skipped is null)
            {
                throw new EventLogFormatException(path, lines[position], DuplicateProblem(log._events[position], lines[first]));
            }

            return LoadWithoutDuplicates(log, lines, pending, duplicates, metaTick, skipped);
        }

        return Finish(log, pending, metaTick);
    }

    private static string DuplicateProblem(Event e, int firstLine) => $"duplicate event id '{e.Id}' (first seen on line {firstLine}).";

    /// <summary>Lenient loads: drops the events whose id came earlier in the file, reports them, and indexes the rest.</summary>
    private static EventLog LoadWithoutDuplicates(
        EventLog loaded, int[] lines, List<(int Position, EventRecord Record)> pending, List<(int Position, int First)> duplicates, long? metaTick, List<EventLogLineError> skipped)
    {
        var log = new EventLog(loaded._time);
        log._ids.Merge(loaded._ids);
        var dropped = new HashSet<int>(duplicates.Select(d => d.Position));
        var kept = new List<int>(loaded._events.Count);
        var hashes = new List<int>(loaded._events.Count);
        var moved = new Dictionary<int, int>();
        for (var position = 0; position < loaded._events.Count; position++)
        {
            if (dropped.Contains(position))
            {
                continue;
            }

            moved[position] = log._events.Count;
            var e = loaded._events[position];
            hashes.Add(e is null ? 0 : e.IdHash());
            log._events.Add(e!);
        }

        log._positions.AddAll(log._events, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(hashes));
        skipped.AddRange(duplicates.Select(d => new EventLogLineError(lines[d.Position], DuplicateProblem(loaded._events[d.Position], lines[d.First]))));
        return Finish(log, [.. pending.Select(p => (moved[p.Position], p.Record))], metaTick);
    }

    /// <summary>Generates the ids the file did not have (in file order, after every loaded id), then sets the tick.</summary>
    private static EventLog Finish(EventLog log, List<(int Position, EventRecord Record)> pending, long? metaTick)
    {
        foreach (var (position, record) in pending)
        {
            var e = record.ToEvent(log._ids);
            log._events.Replace(position, e);
            log._positions.TryAdd(e, e.IdHash(), position, log._events);
        }

        var maxTick = 0L;
        foreach (var e in log._events.AsSpan())
        {
            maxTick = Math.Max(maxTick, e.Tick);
        }

        log._idsIndexed = log._events.Count;
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

    /// <summary>
    /// Parses one run of lines: the fast parser first, the general reader for any line it declines (and for
    /// errors). Strict parsing stops at the first bad line and keeps its error.
    /// </summary>
    private static ParsedChunk ParseChunk(ReadOnlyMemory<byte> memory, int firstLine, string? path, bool lenient)
    {
        var result = new ParsedChunk();
        var pool = new Utf8StringPool();
        var parser = new FastLineParser(pool);
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

            if (parser.TryParse(line, out var fast))
            {
                result.Add(fast, lineNumber);
                continue;
            }

            try
            {
                var record = EventJson.Read(line, path, lineNumber, pool);
                if (record.Event is { } e)
                {
                    result.Add(new FastLineParser.Parsed(e, 0, e.Id is null ? 0 : IdIndex.Hash(e.Id)), lineNumber);
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

    /// <summary>What one chunk of a file parsed to, in file order.</summary>
    private sealed class ParsedChunk
    {
        /// <summary>The events; <see langword="null"/> where the line had no id (see <see cref="Pending"/>).</summary>
        public List<Event?> Events { get; } = [];

        /// <summary>The id hash of each event (<see cref="IdIndex.Hash"/>).</summary>
        public List<int> IdHashes { get; } = [];

        public List<int> Lines { get; } = [];

        /// <summary>The lines without an id, in order: their ids are generated after the whole file is read.</summary>
        public List<EventRecord> Pending { get; } = [];

        /// <summary>The ids seen in this chunk, so generated ids continue after them.</summary>
        public EventIdGenerator Ids { get; } = new();

        public List<EventLogLineError> Skipped { get; } = [];

        public long? MetaTick { get; set; }

        public EventLogFormatException? Error { get; set; }

        /// <summary>Adds a parsed line.</summary>
        public void Add(FastLineParser.Parsed parsed, int line)
        {
            Lines.Add(line);
            IdHashes.Add(parsed.IdHash);
            if (parsed.HasNoId)
            {
                Events.Add(null);
                Pending.Add(parsed.Record);
                return;
            }

            var e = parsed.ToEvent(ids: null);
            Ids.Observe(e);
            Events.Add(e);
        }
    }
}
