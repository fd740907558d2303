namespace Eventure.Tests.TestSupport;

/// <summary>A clock that starts at a fixed instant and moves one second forward on every read.</summary>
public sealed class StepClock(long startSeconds = 1_700_000_000) : TimeProvider
{
    private long _seconds = startSeconds;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(_seconds++);
}
