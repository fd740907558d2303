using Akka.Persistence.TestKit;
using Akka.TestKit.Xunit2;
using Eventure.Actors.Persistence;
using Eventure.Actors.Tests.TestEntities;

namespace Eventure.Actors.Tests.Persistence;

/// <summary>Injected journal failures: the simulation stops with a clear error and never drops a tick silently.</summary>
public sealed class JournalFailureSpec : TestKit
{
    public JournalFailureSpec()
        : base(TestJournals.Config().WithFallback(EventureConfig.Default))
    {
    }

    private ITestJournal Journal => TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));

    [Fact]
    public async Task A_failed_journal_write_should_stop_the_run_with_the_tick_named()
    {
        var sim = await Start("write-fails");
        await sim.RunTicksAsync(2);

        await Journal.OnWrite.Fail();
        var error = await Assert.ThrowsAsync<SimulationException>(() => sim.RunTicksAsync(1));

        Assert.Contains("tick 2 could not be stored", error.Message, StringComparison.Ordinal);
        Assert.Contains("the journal failed to write it", error.Message, StringComparison.Ordinal);
        var status = await sim.GetStatusAsync();
        Assert.Equal(2, status.NextTick);
        Assert.NotNull(status.Failure);
    }

    [Fact]
    public async Task A_rejected_journal_write_should_stop_the_run_with_a_clear_error()
    {
        var sim = await Start("write-rejected");

        await Journal.OnWrite.Reject();
        var error = await Assert.ThrowsAsync<SimulationException>(() => sim.RunTicksAsync(1));

        Assert.Contains("tick 0 could not be stored", error.Message, StringComparison.Ordinal);
        Assert.Contains("the journal rejected it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_recovery_should_refuse_to_start_with_a_clear_error()
    {
        var first = await Start("recovery-fails");
        await first.RunTicksAsync(3);
        await first.StopAsync();

        await Journal.OnRecovery.Fail();
        var error = await Assert.ThrowsAsync<SimulationException>(() => Start("recovery-fails"));

        Assert.Contains("could not start", error.Message, StringComparison.Ordinal);
        Assert.Contains("recovering eventure-recovery-fails from the journal failed", error.Message, StringComparison.Ordinal);
    }


    private Task<Simulation> Start(string id)
    {
        var options = new SimulationOptions { Id = id, Seed = 1, LogProps = EventLogActor.Props(id), AskTimeout = TimeSpan.FromSeconds(20) };
        options.Entities.Register<Counter>("counter");
        return StartAndSpawn(options);
    }

    private async Task<Simulation> StartAndSpawn(SimulationOptions options)
    {
        var sim = await Simulation.StartAsync(Sys, options);
        if ((await sim.GetStatusAsync()).EntityCount == 0)
        {
            await sim.SpawnAsync("c1", "counter");
        }

        return sim;
    }
}
