namespace Eventure;

/// <summary>A line that a lenient load skipped.</summary>
/// <param name="LineNumber">The 1-based line number.</param>
/// <param name="Message">What was wrong with it.</param>
public sealed record EventLogLineError(int LineNumber, string Message);
