namespace Eventure.Actors;

/// <summary>A simulation could not continue: a tick failed (timeout, cascade limit, storage) or a command was refused.</summary>
public sealed class SimulationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SimulationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public SimulationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
