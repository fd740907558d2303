namespace Eventure;

/// <summary>
/// Nested publishing went deeper than <see cref="EventBus.MaxCascadeDepth"/> (or than the thread's stack
/// allows): a handler cascade that never ends is stopped with this error instead of a stack overflow.
/// </summary>
public sealed class CascadeDepthExceededException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public CascadeDepthExceededException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CascadeDepthExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public CascadeDepthExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a publish of <paramref name="eventType"/> at <paramref name="depth"/>.</summary>
    public CascadeDepthExceededException(string eventType, int depth, string? parentId, string reason)
        : base($"Cascade stopped: publishing '{eventType}' (parent {parentId ?? "none"}) would nest {depth} levels deep; {reason}")
    {
        EventType = eventType;
        Depth = depth;
        ParentId = parentId;
    }

    /// <summary>The type of the event that was not published.</summary>
    public string? EventType { get; }

    /// <summary>The nesting depth it would have had.</summary>
    public int Depth { get; }

    /// <summary>The id of the parent of the event that was not published.</summary>
    public string? ParentId { get; }
}
