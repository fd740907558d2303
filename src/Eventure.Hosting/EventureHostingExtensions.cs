using Akka.Hosting;
using Eventure.Actors;
using Eventure.Persistence.Sql;

namespace Eventure.Hosting;

/// <summary>Akka.Hosting integration: <c>builder.WithEventure(EventureJournal.Sqlite("town.db"))</c>.</summary>
public static class EventureHostingExtensions
{
    /// <summary>
    /// Sets the actor system up for Eventure: the journal (through Akka.Persistence.Sql.Hosting, or Akka's in-memory
    /// journal), Eventure's serializers (<c>WithCustomSerializer</c>), its extensions (loaded when the system starts,
    /// which is when a SQLite file is prepared: nothing is touched while configuring), the defaults of
    /// <c>reference.conf</c> appended under everything else, and <paramref name="configure"/>'s settings prepended, so
    /// they win over any HOCON.
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

        journal.Apply(builder);
        builder.WithCustomSerializer(EventureSerializers.JournalSerializerName, EventureSerializers.JournalTypes, EventureSerializers.CreateJournalSerializer);
        builder.WithCustomSerializer(EventureSerializers.MessageSerializerName, EventureSerializers.MessageTypes, EventureSerializers.CreateMessageSerializer);
        builder.WithExtensions(typeof(EventureExtensionProvider), typeof(EventureSqlProvider));
        builder.AddHocon(EventureConfig.Default.WithFallback(SqlConfig.Defaults), HoconAddMode.Append);
        if (options.ToConfig() is { IsEmpty: false } chosen)
        {
            builder.AddHocon(chosen, HoconAddMode.Prepend);
        }

        return builder;
    }
}
