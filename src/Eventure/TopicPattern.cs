namespace Eventure;

/// <summary>
/// A validated subscription pattern: an exact type, <c>prefix.*</c>, <c>*.suffix</c> or <c>*</c>.
/// </summary>
/// <remarks>
/// Matching is ordinal and case-sensitive. <c>player.*</c> matches every type that starts with
/// <c>player.</c> (<c>player.move</c>, <c>player.a.b</c>, even <c>player.</c>); <c>*.error</c> matches every
/// type that ends with <c>.error</c>. A <c>*</c> anywhere else (<c>a.*.b</c>, <c>a*</c>, <c>*a</c>,
/// <c>**</c>, <c>*.*</c>) is rejected: the original library silently treated such patterns as literals.
/// </remarks>
public sealed class TopicPattern : IEquatable<TopicPattern>
{
    private readonly string _affix;

    private TopicPattern(string text, TopicPatternKind kind, string affix)
    {
        Text = text;
        Kind = kind;
        _affix = affix;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>Which of the four delivery phases the pattern belongs to.</summary>
    public TopicPatternKind Kind { get; }

    /// <summary>Parses and validates <paramref name="pattern"/>.</summary>
    /// <exception cref="InvalidTopicPatternException">The pattern has a <c>*</c> in a place other than the
    /// whole pattern, a trailing <c>.*</c> or a leading <c>*.</c>.</exception>
    public static TopicPattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern == "*")
        {
            return new TopicPattern(pattern, TopicPatternKind.Global, string.Empty);
        }

        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return new TopicPattern(pattern, TopicPatternKind.Exact, pattern);
        }

        if (pattern.EndsWith(".*", StringComparison.Ordinal) && star == pattern.Length - 1)
        {
            return new TopicPattern(pattern, TopicPatternKind.Prefix, pattern[..^1]);
        }

        if (pattern.StartsWith("*.", StringComparison.Ordinal) && pattern.IndexOf('*', 1) < 0)
        {
            return new TopicPattern(pattern, TopicPatternKind.Suffix, pattern[1..]);
        }

        throw new InvalidTopicPatternException(
            pattern,
            "a '*' may only be the whole pattern ('*'), a trailing '.*' (prefix) or a leading '*.' (suffix); " +
            "there are no middle wildcards and '*.*' is not a catch-all.");
    }

    /// <summary>Whether <paramref name="eventType"/> is delivered to subscribers of this pattern.</summary>
    public bool Matches(string eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return Kind switch
        {
            TopicPatternKind.Exact => string.Equals(eventType, _affix, StringComparison.Ordinal),
            TopicPatternKind.Prefix => eventType.StartsWith(_affix, StringComparison.Ordinal),
            TopicPatternKind.Suffix => eventType.EndsWith(_affix, StringComparison.Ordinal),
            _ => true,
        };
    }

    /// <summary>
    /// Checks that <paramref name="eventType"/> is a concrete type that can be published: not null and
    /// without <c>*</c>.
    /// </summary>
    /// <exception cref="InvalidEventTypeException">The type contains <c>*</c>.</exception>
    public static void ValidateEventType(string eventType, string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(eventType, paramName ?? nameof(eventType));
        if (eventType.Contains('*', StringComparison.Ordinal))
        {
            throw new InvalidEventTypeException(eventType, "event types are concrete names and may not contain '*' (that is for subscription patterns).", paramName);
        }
    }

    /// <inheritdoc />
    public bool Equals(TopicPattern? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TopicPattern other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <inheritdoc />
    public override string ToString() => Text;
}
