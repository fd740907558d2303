namespace Eventure;

/// <summary>The result of <see cref="EventLog.LoadFromFileLenient"/>: the log and the lines it skipped.</summary>
/// <param name="Log">The events that could be read.</param>
/// <param name="SkippedLines">The lines that were skipped, in file order.</param>
public sealed record EventLogLoadResult(EventLog Log, IReadOnlyList<EventLogLineError> SkippedLines);
