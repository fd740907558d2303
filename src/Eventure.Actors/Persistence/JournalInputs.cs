namespace Eventure.Actors.Persistence;

/// <summary>
/// The one place that decides whether a journaled event is external input (what <c>SendInputAsync</c> sent), which
/// verification re-injects at its tick. Everything that needs the answer asks here.
/// </summary>
/// <remarks>
/// An event is input when the journal marks it (<see cref="AppendTick.Inputs"/>, stored as <c>"input": true</c>).
/// Journals written before inputs were marked carry no marks; there an event is input when no entity published it
/// (its source is <see langword="null"/>) and its type is not one of the runtime's reserved <c>entity.*</c> types.
/// Both rules agree on every journal this runtime writes, because input of a reserved type is refused.
/// </remarks>
internal static class JournalInputs
{
    /// <summary>Whether event <paramref name="index"/> of <paramref name="tick"/> is external input.</summary>
    public static bool IsInput(AppendTick tick, int index) =>
        IsMarked(tick, index) || (SourceOf(tick, index) is null && !RuntimeEvents.IsReserved(tick.Events[index].Type));

    /// <summary>Whether the journal marks event <paramref name="index"/> of <paramref name="tick"/> as input.</summary>
    public static bool IsMarked(AppendTick tick, int index) =>
        !tick.Inputs.IsDefaultOrEmpty && index < tick.Inputs.Length && tick.Inputs[index];

    /// <summary>The entity that published event <paramref name="index"/> of <paramref name="tick"/>, or null (runtime event or input).</summary>
    public static string? SourceOf(AppendTick tick, int index) =>
        tick.Sources.IsDefaultOrEmpty || index >= tick.Sources.Length ? null : tick.Sources[index];
}
