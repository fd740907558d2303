namespace Eventure;

/// <summary>A JSON-lines event log could not be read: the message names the file, the line and the problem.</summary>
public sealed class EventLogFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public EventLogFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EventLogFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public EventLogFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a bad line of <paramref name="path"/>.</summary>
    /// <param name="path">The file, or <see langword="null"/> when the text did not come from a file.</param>
    /// <param name="lineNumber">The 1-based line number, or 0 when not known.</param>
    /// <param name="problem">What is wrong with the line.</param>
    /// <param name="innerException">The underlying parse error, if any.</param>
    public EventLogFormatException(string? path, int lineNumber, string problem, Exception? innerException = null)
        : base(Describe(path, lineNumber, problem), innerException)
    {
        Path = path;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The file that was being read, if known.</summary>
    public string? Path { get; }

    /// <summary>The 1-based line number of the bad line, or 0 when not known.</summary>
    public int LineNumber { get; }

    /// <summary>What is wrong with the line, without the location.</summary>
    public string? Problem { get; }

    private static string Describe(string? path, int lineNumber, string problem)
    {
        var where = (path, lineNumber) switch
        {
            (null, 0) => "Event JSON",
            (null, _) => $"Event JSON line {lineNumber}",
            (_, 0) => $"{path}",
            _ => $"{path}: line {lineNumber}",
        };
        return $"{where}: {problem}";
    }
}
