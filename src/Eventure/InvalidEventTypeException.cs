namespace Eventure;

/// <summary>An event type is not a concrete name: event types may not contain the wildcard <c>*</c>.</summary>
public sealed class InvalidEventTypeException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidEventTypeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidEventTypeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public InvalidEventTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="eventType"/>, explaining why it is invalid.</summary>
    public InvalidEventTypeException(string eventType, string reason, string? paramName)
        : base($"Invalid event type '{eventType}': {reason}", paramName)
    {
        EventType = eventType;
    }

    /// <summary>The rejected event type.</summary>
    public string? EventType { get; }
}
