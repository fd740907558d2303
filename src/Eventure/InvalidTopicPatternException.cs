namespace Eventure;

/// <summary>
/// A subscription pattern is not one of the valid forms: an exact type, <c>prefix.*</c>, <c>*.suffix</c>
/// or <c>*</c>.
/// </summary>
public sealed class InvalidTopicPatternException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidTopicPatternException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidTopicPatternException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public InvalidTopicPatternException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="pattern"/>, explaining why it is invalid.</summary>
    public InvalidTopicPatternException(string pattern, string reason)
        : base($"Invalid topic pattern '{pattern}': {reason}")
    {
        Pattern = pattern;
    }

    /// <summary>The rejected pattern.</summary>
    public string? Pattern { get; }
}
