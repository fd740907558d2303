using Microsoft.Win32.SafeHandles;

namespace Eventure.Internal;

/// <summary>Where the JSON-lines pipeline puts its finished blocks, in order, from one thread.</summary>
internal abstract class BlockSink
{
    public abstract void Write(ReadOnlySpan<byte> block);
}

/// <summary>Blocks written to a caller's stream.</summary>
internal sealed class StreamBlockSink(Stream stream) : BlockSink
{
    public override void Write(ReadOnlySpan<byte> block) => stream.Write(block);
}

/// <summary>
/// Blocks written to a new file with positional writes. When the file is to be flushed to disk, a flush of what
/// is written so far starts in the background every few megabytes, so the disk works while later blocks are
/// formatted and the final flush has only the tail left to wait for.
/// </summary>
internal sealed class FileBlockSink : BlockSink, IDisposable
{
    /// <summary>How many bytes are written between two background flushes.</summary>
    private const long FlushEvery = 4 << 20;

    private readonly SafeFileHandle _handle;
    private readonly bool _flushWhileWriting;
    private long _length;
    private long _flushedUpTo;
    private Task _flush = Task.CompletedTask;

    public FileBlockSink(string path, bool flushWhileWriting)
    {
        _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        _flushWhileWriting = flushWhileWriting;
    }

    public override void Write(ReadOnlySpan<byte> block)
    {
        RandomAccess.Write(_handle, block, _length);
        _length += block.Length;
        if (_flushWhileWriting && _length - _flushedUpTo >= FlushEvery && _flush.IsCompleted)
        {
            // An earlier background flush that failed fails the save here.
            _flush.GetAwaiter().GetResult();
            _flushedUpTo = _length;
            _flush = Task.Run(() => RandomAccess.FlushToDisk(_handle));
        }
    }

    /// <summary>Waits for the background flush, then flushes everything written to disk.</summary>
    public void FlushToDisk()
    {
        _flush.GetAwaiter().GetResult();
        RandomAccess.FlushToDisk(_handle);
    }

    public void Dispose()
    {
        // Never close the handle under a running flush; its failure, if any, was reported or no longer matters.
        try
        {
            _flush.Wait();
        }
        catch (AggregateException)
        {
        }

        _handle.Dispose();
    }
}
