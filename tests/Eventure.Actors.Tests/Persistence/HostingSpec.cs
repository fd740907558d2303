using Akka.Actor;
using Akka.Hosting;
using Eventure.Actors.Persistence;
using Eventure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Eventure.Actors.Tests.Persistence;

/// <summary>
/// The Akka.Hosting path (<c>WithEventure</c>) must give the same durable simulation as the HOCON file path,
/// including resume across hosts.
/// </summary>
public sealed class HostingSpec
{
    [Fact]
    public async Task WithEventure_on_sqlite_should_journal_and_resume_like_the_overlay_file()
    {
        using var viaFile = new TempDatabase();
        using var viaHosting = new TempDatabase();

        var straight = await SqliteSimulationSpec.RunAsync(viaFile.Path, ticks: 20);
        var first = await RunHostedAsync(EventureJournal.Sqlite(viaHosting.Path), ticks: 12);
        var resumed = await RunHostedAsync(EventureJournal.Sqlite(viaHosting.Path), ticks: 8);

        Assert.Equal(12, first.Ticks.Length);
        Assert.Equal(straight.Export, resumed.Export);
        Assert.Equal(straight.Ticks.Select(t => t.Checksum), resumed.Ticks.Select(t => t.Checksum));
        Assert.Equal(viaFile.Count("select count(*) from event_journal"), viaHosting.Count("select count(*) from event_journal"));
    }

    [Fact]
    public async Task WithEventure_should_apply_the_options_and_the_in_memory_journal()
    {
        using var host = await StartHostAsync(EventureJournal.InMemory(), o =>
        {
            o.TickTimeout = TimeSpan.FromSeconds(7);
            o.SnapshotEveryTicks = 3;
        });
        var system = host.Services.GetRequiredService<ActorSystem>();
        var settings = EventureSettings.Create(system.Settings.Config);

        Assert.Equal(TimeSpan.FromSeconds(7), settings.TickTimeout);
        Assert.Equal(3, EventLogSettings.Create(system.Settings.Config).EveryTicks);
        Assert.Equal("akka.persistence.journal.inmem", system.Settings.Config.GetString("akka.persistence.journal.plugin"));
        await host.StopAsync();
    }

    [Fact]
    public void A_missing_overlay_file_should_fail_before_the_host_starts()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => EventureJournal.FromFile("/nonexistent/sqlite.conf"));

        Assert.Contains("/nonexistent/sqlite.conf", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<(string Export, AppendTick[] Ticks)> RunHostedAsync(EventureJournal journal, int ticks)
    {
        using var host = await StartHostAsync(journal);
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            return await SqliteSimulationSpec.RunOnAsync(system, EventLogSettings.Create(system.Settings.Config), ticks);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<IHost> StartHostAsync(EventureJournal journal, Action<EventureHostingOptions>? configure = null)
    {
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("hosted", builder =>
            {
                builder.AddHocon("akka.loglevel = WARNING", HoconAddMode.Prepend);
                builder.WithEventure(journal, configure);
            }))
            .Build();
        await host.StartAsync();
        return host;
    }
}
