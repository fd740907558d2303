using Akka.Configuration;

namespace Eventure.Actors;

/// <summary>Resolves <c>eventure.writer.lease</c> to the configuration path of an Akka.Coordination lease.</summary>
internal static class WriterLeaseSettings
{
    public const string Key = "eventure.writer.lease";
    private const string AutoLeases = "eventure.writer.auto-leases";

    /// <summary>
    /// The lease section guarding simulations on <paramref name="journal"/>, or null for none: <c>off</c> (or empty)
    /// is none; <c>auto</c> is the section <c>eventure.writer.auto-leases</c> names for the journal plugin's class (journal
    /// packages such as Eventure.Persistence.Sql add theirs), none for an in-memory journal; anything else is the
    /// path of a lease section (with <c>lease-class</c>), as for Akka's own <c>use-lease</c> settings.
    /// </summary>
    /// <exception cref="ConfigurationException">The named section does not exist.</exception>
    public static string? PathOf(Config config, JournalInfo journal)
    {
        var value = config.GetString(Key, "auto");
        if (string.IsNullOrEmpty(value) || value == "off")
        {
            return null;
        }

        if (value != "auto")
        {
            return config.HasPath(value)
                ? value
                : throw new ConfigurationException($"{Key} = \"{value}\", but the configuration has no section '{value}' (a lease needs at least lease-class).");
        }

        if (journal.IsInMemory || journal.ClassName.Length == 0 || !config.HasPath(AutoLeases))
        {
            return null;
        }

        foreach (var (className, path) in config.GetConfig(AutoLeases).AsEnumerable())
        {
            if (className == journal.ClassName && path.GetString() is { Length: > 0 } section && config.HasPath(section))
            {
                return section;
            }
        }

        return null;
    }
}
