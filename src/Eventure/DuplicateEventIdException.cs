namespace Eventure;

/// <summary>An event was added to a log that already holds an event with the same id.</summary>
public sealed class DuplicateEventIdException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public DuplicateEventIdException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DuplicateEventIdException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public DuplicateEventIdException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the duplicated <paramref name="eventId"/>.</summary>
    public DuplicateEventIdException(string eventId, int existingPosition)
        : base($"The log already holds an event with id '{eventId}' (at position {existingPosition}); event ids must be unique.")
    {
        EventId = eventId;
    }

    /// <summary>The duplicated id.</summary>
    public string? EventId { get; }
}
