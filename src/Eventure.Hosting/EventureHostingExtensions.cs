using Akka.Configuration;
using Akka.Hosting;

namespace Eventure.Hosting;

/// <summary>Akka.Hosting integration: <c>builder.WithEventure(EventureJournal.Sqlite("town.db"))</c>.</summary>
public static class EventureHostingExtensions
{
    /// <summary>
    /// Configures the actor system for Eventure: the runtime defaults (<c>reference.conf</c>), the chosen
    /// journal, and <paramref name="configure"/>'s settings on top. A SQLite journal is prepared (folder, file,
    /// WAL) here, before the actor system starts. The settings are appended as a fallback: HOCON added to the
    /// builder before this call, or later with <see cref="HoconAddMode.Prepend"/>, overrides them.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddAkka("town", builder => builder.WithEventure(EventureJournal.Sqlite("eventure-data/town.db"), o => o.SnapshotEveryTicks = 50));
    /// </code>
    /// </example>
    public static AkkaConfigurationBuilder WithEventure(this AkkaConfigurationBuilder builder, EventureJournal journal, Action<EventureHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(journal);
        var options = new EventureHostingOptions();
        configure?.Invoke(options);
        var config = ConfigurationFactory.ParseString(options.ToHocon()).WithFallback(journal.Prepare());
        return builder.AddHocon(config, HoconAddMode.Append);
    }
}
