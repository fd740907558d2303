using System.Text;
using Eventure.Internal;

namespace Eventure;

/// <summary>Saving and loading the JSON-lines form of a log.</summary>
public sealed partial class EventLog
{
    /// <summary>
    /// Writes the log as JSON lines (one <see cref="Event.ToJson"/> per line, in log order) to
    /// <paramref name="path"/>, atomically and durably: the text goes to a temporary file beside it, is flushed to
    /// disk, and the temporary file is then renamed over the target, so an existing file is never left
    /// half-written and the new one survives a crash once this returns.
    /// </summary>
    /// <remarks>
    /// When the current tick is past the last event's tick, a final metadata line
    /// <c>{"eventure_meta": {"format": 1, "current_tick": N}}</c> records it, so it survives a reload.
    /// Without trailing empty ticks the file is byte-identical to what the Python original writes.
    /// </remarks>
    /// <exception cref="IOException">The file cannot be written (the message names it, and the inner exception
    /// holds the system's error); an existing file is left as it was and no temporary file is left behind.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the file is not writable (the message names it);
    /// an existing file is left as it was.</exception>
    public void SaveToFile(string path) => SaveToFile(path, flushToDisk: true);

    /// <summary>
    /// Writes the log as JSON lines to <paramref name="path"/> (see <see cref="SaveToFile(string)"/>), flushing
    /// it to disk before the rename only when <paramref name="flushToDisk"/> is <see langword="true"/>.
    /// </summary>
    /// <remarks>
    /// Either way the save is atomic for other processes and for a crash of this one: the target is replaced by a
    /// complete temporary file or not at all. With <paramref name="flushToDisk"/> <see langword="false"/> the text
    /// may still sit in the operating system's cache when this returns, so a power loss or kernel crash soon after
    /// can lose the new file (and, on some file systems, leave an empty one); the flush costs about as much time
    /// as formatting the lines. Use <see langword="false"/> only for files that can be written again, such as
    /// exports and caches; <see cref="SaveToFile(string)"/> is the durable default.
    /// </remarks>
    /// <inheritdoc cref="SaveToFile(string)" path="/exception"/>
    public void SaveToFile(string path, bool flushToDisk)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileBlockSink(temp, flushWhileWriting: flushToDisk))
            {
                WriteTo(file);
                if (flushToDisk)
                {
                    file.FlushToDisk();
                }
            }

            var replaced = OpenReplaced(full);
            try
            {
                File.Move(temp, full, overwrite: true);
            }
            finally
            {
                if (replaced is not null)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(static handle => handle.Dispose(), replaced, preferLocal: false);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteTemporary(temp);
            throw SaveFailed(e, full);
        }
        catch
        {
            DeleteTemporary(temp);
            throw;
        }
    }

    private static void DeleteTemporary(string temp)
    {
        if (File.Exists(temp))
        {
            File.Delete(temp);
        }
    }

    /// <summary>The same kind of exception, with a message that names the file the caller asked for.</summary>
    private static Exception SaveFailed(Exception e, string path)
    {
        var message = $"Cannot save the log to '{path}': {e.Message}";
        return e switch
        {
            UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
            DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
            _ => new IOException(message, e),
        };
    }

    /// <summary>
    /// Opens the file a save is about to replace, where that helps: on Unix the rename that drops the old file's
    /// last name also frees its blocks, which for a file of tens of megabytes takes about as long as writing it;
    /// with a handle still open the old file lives on, nameless, until that handle is closed on a pool thread.
    /// </summary>
    private static Microsoft.Win32.SafeHandles.SafeFileHandle? OpenReplaced(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No file to replace (or one this process cannot read): the rename does all the work.
            return null;
        }
    }

    /// <summary>Writes the log's JSON-lines form (see <see cref="SaveToFile(string)"/>) to <paramref name="stream"/>.</summary>
    /// <remarks>
    /// Large logs are formatted on several threads, blocks of a few thousand events at a time, while the calling
    /// thread writes the finished blocks in log order, so the bytes are the same as a serial write.
    /// </remarks>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        WriteTo(new StreamBlockSink(stream));
    }

    private void WriteTo(BlockSink sink)
    {
        var lastTick = JsonLinesPipeline.Write(_events.Items, _events.Count, sink);
        if (CurrentTick != lastTick)
        {
            var meta = new JsonLineWriter(96);
            meta.WriteMeta(CurrentTick);
            meta.WriteNewLine();
            sink.Write(meta.Written);
        }
    }

    /// <summary>Loads a JSON-lines file written by <see cref="SaveToFile(string)"/> or by the Python original.</summary>
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
