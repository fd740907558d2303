namespace Eventure.Actors;

/// <summary>
/// Recognizes the journal's fence against a stale second writer: Akka.Persistence.Sql's tables are unique on
/// (persistence id, sequence number), so when two writers of one simulation both recovered to the same point, the second
/// to store a tick is refused with a unique-key violation and loses its whole tick (a <c>PersistAll</c> is one write).
/// </summary>
internal static class WriterFence
{
    /// <summary>
    /// A clear reason when <paramref name="cause"/> is that fence (SQLite's UNIQUE constraint, PostgreSQL's 23505), else
    /// <see langword="null"/>.
    /// </summary>
    public static string? Describe(Exception cause, string persistenceId, long sequenceNr)
    {
        for (var e = (Exception?)cause; e is not null; e = e.InnerException)
        {
            if (e.Message.Contains("UNIQUE constraint failed", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("23505", StringComparison.Ordinal))
            {
                return $"another writer already stored sequence number {sequenceNr} of {persistenceId}: this writer is stale " +
                    "(a newer one took the simulation over) and was fenced by the journal; it stops without storing anything more";
            }
        }

        return null;
    }
}
