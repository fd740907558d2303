using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Akka.Event;

namespace Eventure.Persistence.Sql;

/// <summary>
/// An Akka.Coordination <see cref="Lease"/> kept in a table of the journal's own database (SQLite or PostgreSQL,
/// through the connection of an Akka.Persistence.Sql journal plugin). Eventure takes one per simulation writer
/// (<c>eventure.writer.lease</c>); any lease user, such as a cluster singleton (<c>use-lease</c>), can use it too.
/// </summary>
/// <remarks>
/// <para>Acquire succeeds when the row is free, expired, or already this owner's. Expiry is the database's own clock
/// plus <c>heartbeat-timeout</c>, so nodes do not have to agree on the time. While held, the lease is renewed every
/// <c>heartbeat-interval</c>; when a renewal finds the row taken over by another owner, or renewals keep failing
/// until the lease has expired, the lease is lost and the callback given to
/// <see cref="Acquire(Action{Exception})"/> runs. <see cref="Release"/> stops renewing and deletes the row.</para>
/// <para>Configured by the section that names it (see <c>eventure.persistence.sql.lease</c>): <c>journal-plugin</c>
/// (default <c>akka.persistence.journal.plugin</c>) and <c>table-name</c> (default <c>eventure_lease</c>).</para>
/// </remarks>
public sealed class SqlJournalLease : Lease
{
    private readonly LeaseStore _store;
    private readonly ILoggingAdapter _log;
    private readonly Lock _gate = new();
    private CancellationTokenSource? _renewing;
    private long _heldUntil;
    private bool _held;

    /// <summary>Created by <see cref="LeaseProvider"/> from the lease section's <c>lease-class</c>.</summary>
    /// <exception cref="ConfigurationException">The journal is not an Akka.Persistence.Sql journal on SQLite or PostgreSQL.</exception>
    public SqlJournalLease(LeaseSettings settings, ExtendedActorSystem system)
        : base(settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(system);
        var config = system.Settings.Config;
        var pluginId = settings.LeaseConfig.GetString("journal-plugin", string.Empty);
        if (string.IsNullOrEmpty(pluginId))
        {
            pluginId = config.GetString("akka.persistence.journal.plugin", string.Empty);
        }

        if (string.IsNullOrEmpty(pluginId) || !config.HasPath(pluginId))
        {
            throw new ConfigurationException($"The SQL writer lease needs a journal plugin, but '{pluginId}' is not configured.");
        }

        var plugin = config.GetConfig(pluginId);
        _store = LeaseStore.For(
            plugin.GetString("provider-name", string.Empty),
            plugin.GetString("connection-string", string.Empty),
            settings.LeaseConfig.GetString("table-name", "eventure_lease"),
            settings.TimeoutSettings.OperationTimeout);
        _log = Logging.GetLogger(system, typeof(SqlJournalLease));

        // A holder that never released stops renewing with its actor system; the row then expires by itself.
        system.RegisterOnTermination(StopRenewing);
    }

    private TimeSpan Ttl => Settings.TimeoutSettings.HeartbeatTimeout;

    /// <inheritdoc />
    public override Task<bool> Acquire() => Acquire(_ => { });

    /// <inheritdoc />
    public override async Task<bool> Acquire(Action<Exception> leaseLostCallback)
    {
        ArgumentNullException.ThrowIfNull(leaseLostCallback);
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(Settings.TimeoutSettings.OperationTimeout);
        if (!await _store.TryAcquireAsync(Settings.LeaseName, Settings.OwnerName, Ttl, timeout.Token))
        {
            return false;
        }

        var renewing = new CancellationTokenSource();
        lock (_gate)
        {
            _renewing?.Cancel();
            _renewing = renewing;
            _held = true;
            _heldUntil = started + (long)(Ttl.TotalSeconds * Stopwatch.Frequency);
        }

        _ = RenewAsync(leaseLostCallback, renewing.Token);
        return true;
    }

    /// <inheritdoc />
    public override async Task<bool> Release()
    {
        StopRenewing();

        using var timeout = new CancellationTokenSource(Settings.TimeoutSettings.OperationTimeout);
        await _store.ReleaseAsync(Settings.LeaseName, Settings.OwnerName, timeout.Token);
        return true;
    }

    /// <inheritdoc />
    public override bool CheckLease()
    {
        lock (_gate)
        {
            return _held && Stopwatch.GetTimestamp() < _heldUntil;
        }
    }

    private void StopRenewing()
    {
        lock (_gate)
        {
            _renewing?.Cancel();
            _renewing = null;
            _held = false;
        }
    }

    private async Task RenewAsync(Action<Exception> lost, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Settings.TimeoutSettings.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var started = Stopwatch.GetTimestamp();
                Exception? failure = null;
                bool renewed;
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(Settings.TimeoutSettings.OperationTimeout);
                    renewed = await _store.TryRenewAsync(Settings.LeaseName, Settings.OwnerName, Ttl, timeout.Token);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = ex;
                    renewed = false;
                }

                lock (_gate)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return;
                    }

                    if (renewed)
                    {
                        _heldUntil = started + (long)(Ttl.TotalSeconds * Stopwatch.Frequency);
                        continue;
                    }

                    if (failure is not null && Stopwatch.GetTimestamp() < _heldUntil)
                    {
                        // Still ours until it expires: try again at the next heartbeat.
                        _log.Warning("Lease {0}: renewal failed ({1}); retrying", Settings.LeaseName, failure.Message);
                        continue;
                    }

                    _held = false;
                }

                lost(new LeaseException(failure is null
                    ? $"Lease {Settings.LeaseName} was taken over by another owner after it expired."
                    : $"Lease {Settings.LeaseName} expired while it could not be renewed: {failure.Message}"));
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // Released.
        }
    }
}
