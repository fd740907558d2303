namespace Eventure.Cli;

/// <summary>A failure the user can act on: printed as one line, with its exit code.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = 1)
        : base(message) => ExitCode = exitCode;

    public CliException()
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = 1;

    public int ExitCode { get; } = 1;
}
