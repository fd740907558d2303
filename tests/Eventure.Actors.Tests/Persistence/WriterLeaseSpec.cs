using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Eventure.Actors.Tests.TestEntities;
using Eventure.Persistence.Sql;

namespace Eventure.Actors.Tests.Persistence;

/// <summary>
/// One writer per journal: the <see cref="SqlJournalLease"/> in the journal's own database, and the
/// <see cref="SimulationWriterLease"/> that <see cref="Simulation.StartAsync"/> takes with it.
/// </summary>
public sealed class WriterLeaseSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Config ShortLease = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        eventure.persistence.sql.lease { heartbeat-timeout = 2s, heartbeat-interval = 300ms }
        """);

    [Fact]
    public async Task A_second_simulation_on_the_same_journal_should_be_refused_before_it_writes_anything()
    {
        using var db = new TempDatabase();
        using var first = ActorSystem.Create("first", EventureConfig.Sqlite(db.Path));
        using var second = ActorSystem.Create("second", EventureConfig.Sqlite(db.Path));
        try
        {
            var running = await StartCountersAsync(first);
            await running.RunTicksAsync(3);
            var journal = db.Count("select count(*) from event_journal");

            var refused = await Assert.ThrowsAsync<SimulationException>(() => StartCountersAsync(second));

            Assert.Equal($"simulation 'durable' in SQLite {db.Path} is being written by another process; this one stopped before running any tick and wrote nothing.", refused.Message);
            Assert.Equal(journal, db.Count("select count(*) from event_journal"));
            await running.RunTicksAsync(2);
            await running.DisposeAsync();

            // Released on stop: the other system may write now, and resumes where the first stopped.
            var resumed = await StartCountersAsync(second);
            Assert.Equal(5, (await resumed.GetStatusAsync()).NextTick);
            await resumed.DisposeAsync();
        }
        finally
        {
            await Task.WhenAll(first.Terminate(), second.Terminate());
        }
    }

    [Fact]
    public async Task The_lease_should_be_released_when_the_actor_system_terminates()
    {
        using var db = new TempDatabase();
        var first = ActorSystem.Create("first", EventureConfig.Sqlite(db.Path));
        await StartCountersAsync(first);
        Assert.Equal(1, db.Count("select count(*) from eventure_lease"));

        await first.Terminate();

        Assert.Equal(0, db.Count("select count(*) from eventure_lease"));
    }

    [Fact]
    public Task An_expired_lease_should_be_taken_over_and_its_old_holder_told_it_is_lost() => OnShortLeaseAsync("leases", async (system, db) =>
    {
        var old = Lease(system, "old-node");
        var lost = new TaskCompletionSource<Exception>();
        Assert.True(await old.Acquire(ex => lost.TrySetResult(ex)));
        Assert.True(old.CheckLease());
        Assert.False(await Lease(system, "new-node").Acquire());

        // The old node stops renewing (as if downed), its row expires, and the new node takes over.
        db.Execute("update eventure_lease set expires_at = 0");
        var taken = Lease(system, "new-node");
        Assert.True(await taken.Acquire());

        var cause = await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("taken over", cause.Message, StringComparison.Ordinal);
        Assert.False(old.CheckLease());
        Assert.True(taken.CheckLease());
        Assert.True(await taken.Release());
        Assert.Equal(0, db.Count("select count(*) from eventure_lease"));
    });

    [Fact]
    public Task A_held_lease_should_be_renewed_past_its_time_to_live() => OnShortLeaseAsync("leases", async (system, db) =>
    {
        var lease = Lease(system, "holder");
        Assert.True(await lease.Acquire());
        var firstExpiry = db.Count("select expires_at from eventure_lease");

        await AwaitAssertAsync(() => Assert.True(db.Count("select expires_at from eventure_lease") > firstExpiry + 500), TimeSpan.FromSeconds(5));
        Assert.True(lease.CheckLease());
        Assert.False(await Lease(system, "other").Acquire());
    });

    [Fact]
    public Task A_lost_writer_lease_should_stop_the_simulation_before_its_next_tick() => OnShortLeaseAsync("lost", async (system, db) =>
    {
        var sim = await StartCountersAsync(system);
        await sim.RunTicksAsync(2);

        db.Execute("update eventure_lease set owner = 'someone-else'");

        await AwaitAssertAsync(async () => Assert.Contains("writer lease", (await sim.GetStatusAsync()).Failure ?? string.Empty, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var stopped = await Assert.ThrowsAsync<SimulationException>(() => sim.RunTicksAsync(1));
        Assert.Contains("was lost", stopped.Message, StringComparison.Ordinal);
    });

    [Fact]
    public async Task The_in_memory_journal_and_lease_off_should_need_no_lease()
    {
        using var db = new TempDatabase();
        using var inMemory = ActorSystem.Create("mem", EventureConfig.InMemory());
        using var off = ActorSystem.Create("off", ConfigurationFactory.ParseString("eventure.writer.lease = off").WithFallback(EventureConfig.Sqlite(db.Path)));
        using var on = ActorSystem.Create("on", EventureConfig.Sqlite(db.Path));
        try
        {
            Assert.Null(await SimulationWriterLease.AcquireAsync(inMemory, "x"));
            Assert.Null(await SimulationWriterLease.AcquireAsync(off, "x"));
            var held = await SimulationWriterLease.AcquireAsync(on, "x");
            Assert.NotNull(held);
            Assert.True(held.IsHeld);
            await held.DisposeAsync();
            Assert.False(held.IsHeld);
            Assert.Equal(0, db.Count("select count(*) from eventure_lease"));
        }
        finally
        {
            await Task.WhenAll(inMemory.Terminate(), off.Terminate(), on.Terminate());
        }
    }

    /// <summary>Runs <paramref name="test"/> on a SQLite journal whose lease lives 2 s and is renewed every 300 ms.</summary>
    private static async Task OnShortLeaseAsync(string name, Func<ActorSystem, TempDatabase, Task> test)
    {
        using var db = new TempDatabase();
        using var system = ActorSystem.Create(name, ShortLease.WithFallback(EventureConfig.Sqlite(db.Path)));
        try
        {
            await test(system, db);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static Lease Lease(ActorSystem system, string owner)
    {
        EventureExtension.Get(system);
        return LeaseProvider.Get(system).GetLease("eventure-test", "eventure.persistence.sql.lease", owner);
    }

    private static async Task<Simulation> StartCountersAsync(ActorSystem system)
    {
        var options = new SimulationOptions { Id = "durable", Seed = 42, AskTimeout = TimeSpan.FromSeconds(30) };
        options.Entities.Register<Counter>("counter");
        var sim = await Simulation.StartAsync(system, options);
        if ((await sim.GetStatusAsync()).EntityCount == 0)
        {
            await sim.SpawnAsync("c1", "counter");
        }

        return sim;
    }
}
