namespace Eventure;

/// <summary>The four kinds of subscription pattern, in the order the bus delivers them.</summary>
public enum TopicPatternKind
{
    /// <summary>The pattern is a concrete event type and matches only that type.</summary>
    Exact = 0,

    /// <summary><c>player.*</c>: every type that starts with <c>player.</c>, at any depth.</summary>
    Prefix = 1,

    /// <summary><c>*.error</c>: every type that ends with <c>.error</c>.</summary>
    Suffix = 2,

    /// <summary><c>*</c>: every type.</summary>
    Global = 3,
}
