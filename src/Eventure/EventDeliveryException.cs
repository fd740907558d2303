namespace Eventure;

/// <summary>
/// One or more handlers threw while an event was delivered. Every other handler still ran, and the event
/// stays in the log exactly once; this error reports the failures after delivery.
/// </summary>
public sealed class EventDeliveryException : AggregateException
{
    /// <summary>Creates the exception.</summary>
    public EventDeliveryException()
    {
        Failures = [];
    }

    /// <summary>Creates the exception with a message.</summary>
    public EventDeliveryException(string message)
        : base(message)
    {
        Failures = [];
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public EventDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [];
    }

    /// <summary>Creates the exception for the failures of delivering <paramref name="event"/>.</summary>
    public EventDeliveryException(Event @event, IReadOnlyList<HandlerFailure> failures)
        : base(Describe(@event, failures), failures.Select(f => f.Exception))
    {
        Event = @event;
        Failures = failures;
    }

    /// <summary>The event whose delivery failed (it is in the log).</summary>
    public Event? Event { get; }

    /// <summary>The failing handlers, in delivery order.</summary>
    public IReadOnlyList<HandlerFailure> Failures { get; }

    private static string Describe(Event @event, IReadOnlyList<HandlerFailure> failures)
    {
        var details = string.Join("; ", failures.Select(f => $"[{f.Pattern}] {f.Exception.GetType().Name}: {f.Exception.Message}"));
        return $"{failures.Count} handler(s) failed for event {@event.Id} ({@event.Type}); all other handlers ran: {details}";
    }
}
