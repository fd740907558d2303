namespace Eventure.Examples.Hosting;

/// <summary>Where an example keeps its journal: <c>--db PATH</c>, <c>--journal FILE.conf</c>, <c>--fresh</c>.</summary>
/// <param name="DatabasePath">The SQLite file, or null for the default <c>eventure-data/{example}.db</c>.</param>
/// <param name="JournalFile">A HOCON overlay (for example <c>hocon/inmem.conf</c>), or null for SQLite.</param>
/// <param name="Fresh">Delete the SQLite file first, so the run starts from tick 0.</param>
internal sealed record JournalChoice(string? DatabasePath, string? JournalFile, bool Fresh)
{
    /// <summary>The folder of the default databases, relative to the working directory.</summary>
    public const string DefaultFolder = "eventure-data";

    public static JournalChoice Default { get; } = new(null, null, Fresh: false);

    /// <summary>The SQLite file an example uses when neither a database nor an overlay is named.</summary>
    public static string DefaultDatabase(string example) => Path.Combine(DefaultFolder, example + ".db");
}
