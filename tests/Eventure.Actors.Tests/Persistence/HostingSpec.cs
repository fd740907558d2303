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
    public async Task Options_set_in_code_should_win_over_HOCON_and_HOCON_over_the_defaults()
    {
        using var host = await StartHostAsync(EventureJournal.InMemory(), o => o.TickTimeout = TimeSpan.FromSeconds(7), builder =>
        {
            builder.AddHocon("eventure.tick.timeout = 3s", HoconAddMode.Prepend);
            builder.AddHocon("eventure.cascade.max-waves = 5", HoconAddMode.Append);
        });
        var settings = EventureExtension.Get(host.Services.GetRequiredService<ActorSystem>()).Settings;

        Assert.Equal(TimeSpan.FromSeconds(7), settings.TickTimeout);
        Assert.Equal(5, settings.MaxWaves);
        Assert.Equal(EventureSettings.Default.MaxEventsPerTick, settings.MaxEventsPerTick);
        await host.StopAsync();
    }

    [Fact]
    public async Task Configuring_should_touch_no_file_and_starting_should_prepare_the_database()
    {
        using var db = new TempDatabase();
        var path = Path.Combine(Path.GetDirectoryName(db.Path)!, "later", "town.db");
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("hosted", builder => builder.AddHocon("akka.loglevel = WARNING", HoconAddMode.Prepend).WithEventure(EventureJournal.Sqlite(path))))
            .Build();

        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();

        Assert.True(File.Exists(path));
        Assert.Equal(EventureJournalSerializer.Id, system.Serialization.FindSerializerForType(typeof(JournaledEvent)).Identifier);
        Assert.True(EventureExtension.Get(system).UsesPersistentLog);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_second_host_on_the_same_journal_should_be_refused_while_the_first_writes()
    {
        using var db = new TempDatabase();
        using var first = await StartHostAsync(EventureJournal.Sqlite(db.Path));
        using var second = await StartHostAsync(EventureJournal.Sqlite(db.Path));
        var running = await Simulation.StartAsync(first.Services.GetRequiredService<ActorSystem>(), new SimulationOptions { Id = "town" });

        var refused = await Assert.ThrowsAsync<SimulationException>(() => Simulation.StartAsync(second.Services.GetRequiredService<ActorSystem>(), new SimulationOptions { Id = "town" }));

        Assert.Contains("is being written by another process", refused.Message, StringComparison.Ordinal);
        await running.DisposeAsync();
        await Task.WhenAll(first.StopAsync(), second.StopAsync());
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
            return await SqliteSimulationSpec.RunOnAsync(system, settings: null, ticks);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<IHost> StartHostAsync(EventureJournal journal, Action<EventureHostingOptions>? configure = null, Action<AkkaConfigurationBuilder>? before = null)
    {
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("hosted", builder =>
            {
                builder.AddHocon("akka.loglevel = WARNING", HoconAddMode.Prepend);
                before?.Invoke(builder);
                builder.WithEventure(journal, configure);
            }))
            .Build();
        await host.StartAsync();
        return host;
    }
}
