namespace Eventure.Actors.Persistence;

/// <summary>
/// Rewrites stored payloads of an older format into the current one. Applied by
/// the journal serializer (<see cref="EventureSerializers.JournalSerializerId"/>) to every payload it reads, so both recovery and persistence
/// queries see upcast data.
/// </summary>
public interface IJournalUpcaster
{
    /// <summary>
    /// Returns the (manifest, JSON) to decode instead of the stored one; return the input unchanged when
    /// nothing needs upcasting. Called with the stored manifest (for example <c>ev1</c>) and UTF-8 JSON text.
    /// </summary>
    (string Manifest, string Json) Upcast(string manifest, string json);
}
