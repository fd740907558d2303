namespace Eventure;

/// <summary>An event payload, timestamp or number cannot be stored: not JSON-like, or not finite.</summary>
public sealed class EventDataException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public EventDataException()
    {
    }

    /// <summary>Creates the exception with a message that says what and where.</summary>
    public EventDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public EventDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
