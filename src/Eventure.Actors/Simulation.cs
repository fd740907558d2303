using System.Collections.Immutable;
using Akka.Actor;

namespace Eventure.Actors;

/// <summary>
/// A running simulation: the edge API over its tick coordinator (an actor: <see cref="Coordinator"/>). Spawn entities, run ticks,
/// send input, and read the log as a core <see cref="EventLog"/>.
/// </summary>
/// <remarks>
/// Every call is an <c>Ask</c> with a timeout (<see cref="SimulationOptions.AskTimeout"/>, or
/// <see cref="SimulationOptions.RunTimeout"/> for runs). If the log actor already holds ticks (a persistent
/// journal), <see cref="StartAsync"/> resumes: it respawns the entities from their <c>entity.spawned</c>
/// events, replays each entity's own events through its <c>Apply</c>, and continues at the next tick.
/// </remarks>
/// <example>
/// <code>
/// var sim = await Simulation.StartAsync(system, new SimulationOptions { Id = "town", Seed = 42 });
/// await sim.SpawnAsync("villager-1", Props.Create(() => new Villager()));
/// await sim.RunTicksAsync(100);
/// EventLog log = await sim.GetLogAsync();
/// log.CreateQuery().PrintEventCascade();
/// </code>
/// </example>
public sealed class Simulation : IAsyncDisposable
{
    private readonly SimulationOptions _options;
    private readonly SimulationWriterLease? _lease;
    private readonly Func<Task>? _stop;

    private Simulation(IActorRef coordinator, SimulationOptions options, SimulationWriterLease? lease, Func<Task>? stop = null)
    {
        Coordinator = coordinator;
        _options = options;
        _lease = lease;
        _stop = stop;
    }

    /// <summary>The simulation id.</summary>
    public string Id => _options.Id;

    /// <summary>The coordinator actor (it accepts the messages of TickCoordinatorProtocol.cs).</summary>
    public IActorRef Coordinator { get; }

    /// <summary>
    /// Starts (or resumes) a simulation in <paramref name="system"/>. Without <see cref="SimulationOptions.LogProps"/>
    /// or <see cref="SimulationOptions.Log"/>, the log is the persistent <see cref="Persistence.EventLogActor"/> when the
    /// system's journal is a real store and in memory otherwise (<see cref="EventureExtension.UsesPersistentLog"/>). A
    /// persistent log is written under the simulation's <see cref="SimulationWriterLease"/>, taken before anything runs.
    /// </summary>
    /// <exception cref="ArgumentException">The id is empty.</exception>
    /// <exception cref="SimulationException">Another process is writing this simulation, or it could not start.</exception>
    public static async Task<Simulation> StartAsync(ActorSystem system, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Id);
        var eventure = EventureExtension.Get(system);
        var settings = options.Settings ?? eventure.Settings;
        options = SimulationLog.Choose(options, eventure);
        if (eventure.Host is { } host)
        {
            // On a cluster: the coordinator is a singleton (it takes the writer lease where it runs).
            var hosted = await host.StartAsync(system, options, settings, cancellationToken);
            return await CheckStartedAsync(new Simulation(hosted, options, null, () => host.StopAsync(system, options.Id, hosted)), cancellationToken);
        }

        var lease = SimulationLog.IsPersistent(options) ? await SimulationWriterLease.AcquireAsync(system, options.Id, cancellationToken) : null;
        var name = ActorPath.IsValidPathElement(options.Id) ? $"eventure-{options.Id}" : $"eventure-{Guid.NewGuid():N}";
        IActorRef coordinator;
        try
        {
            coordinator = system.ActorOf(TickCoordinator.Props(options, settings), name);
        }
        catch
        {
            await (lease?.DisposeAsync() ?? ValueTask.CompletedTask);
            throw;
        }

        lease?.Guard(system, coordinator);
        return await CheckStartedAsync(new Simulation(coordinator, options, lease), cancellationToken);
    }

    private static async Task<Simulation> CheckStartedAsync(Simulation simulation, CancellationToken cancellationToken)
    {
        var status = await simulation.AskAsync<SimulationStatus>(GetSimulationStatus.Instance, simulation._options.AskTimeout, cancellationToken);
        if (status.Failure is not null)
        {
            await simulation.StopAsync();
            throw new SimulationException($"The simulation '{simulation.Id}' could not start: {status.Failure}");
        }

        return simulation;
    }

    /// <summary>Spawns an entity; its <c>entity.spawned</c> event joins the next tick.</summary>
    /// <param name="entityId">A unique id among live entities.</param>
    /// <param name="props">How to create the actor (a <see cref="SimulationEntity"/>).</param>
    /// <param name="kind">The kind journaled for resuming; defaults to the kind registered for the props' type,
    /// else the type's name (a resumed simulation finds the type by that name, see <see cref="EntityRegistry"/>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public Task SpawnAsync(string entityId, Props props, string? kind = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(props);
        return AskAsync<EntitySpawned>(new SpawnEntity(entityId, kind ?? KindOf(props), props), _options.AskTimeout, cancellationToken);
    }

    /// <summary>Spawns an entity of a registered <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentException">The kind is not registered.</exception>
    public Task SpawnAsync(string entityId, string kind, CancellationToken cancellationToken = default)
    {
        if (!_options.Entities.TryCreate(kind, out var props))
        {
            throw new ArgumentException($"The entity kind '{kind}' is not registered in SimulationOptions.Entities.", nameof(kind));
        }

        return AskAsync<EntitySpawned>(new SpawnEntity(entityId, kind, props), _options.AskTimeout, cancellationToken);
    }

    /// <summary>
    /// Spawns a population at once: every actor is created first, then all initialize in parallel. The journal
    /// gets the same events as calling <see cref="SpawnAsync(string, Props, string?, CancellationToken)"/> for
    /// each id in order, and a large population starts far faster and is laid out in memory like actors created
    /// in one loop. All or nothing: if an id is empty, repeated or already live, or an entity fails to start,
    /// none is spawned.
    /// </summary>
    /// <param name="entityIds">The ids, in the order their <c>entity.spawned</c> events are journaled.</param>
    /// <param name="props">The props of each id's actor.</param>
    /// <param name="kind">The kind journaled for every entity; by default the registered kind or type name of each actor.</param>
    /// <param name="cancellationToken">Cancels waiting for the answer.</param>
    /// <returns>How many entities were spawned.</returns>
    /// <exception cref="ArgumentException">An id is empty, repeated or already live.</exception>
    /// <exception cref="SimulationException">An entity failed to start; the message names it.</exception>
    public async Task<int> SpawnManyAsync(IEnumerable<string> entityIds, Func<string, Props> props, string? kind = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityIds);
        ArgumentNullException.ThrowIfNull(props);
        var entities = entityIds.Select(id =>
        {
            var entityProps = props(id) ?? throw new ArgumentException($"The props function returned null for '{id}'.", nameof(props));
            return new SpawnEntity(id, kind ?? KindOf(entityProps), entityProps);
        }).ToImmutableArray();
        var spawned = await AskAsync<EntitiesSpawned>(new SpawnEntities(entities), _options.AskTimeout, cancellationToken);
        return spawned.Count;
    }

    /// <summary>The kind journaled for an actor spawned without one: its registered kind, else its type's name.</summary>
    private string KindOf(Props props) => _options.Entities.KindFor(props, kind: null);

    /// <summary>Stops an entity; its <c>entity.despawned</c> event joins the next tick.</summary>
    public Task DespawnAsync(string entityId, CancellationToken cancellationToken = default) =>
        AskAsync<EntityDespawned>(new DespawnEntity(entityId), _options.AskTimeout, cancellationToken);

    /// <summary>Runs <paramref name="count"/> ticks as fast as possible.</summary>
    /// <exception cref="SimulationException">A tick failed; the message says which and why.</exception>
    public Task<RunCompleted> RunTicksAsync(long count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return AskAsync<RunCompleted>(new RunTicks(count), _options.RunTimeout, cancellationToken);
    }

    /// <summary>Runs one tick.</summary>
    public Task<RunCompleted> StepAsync(CancellationToken cancellationToken = default) => RunTicksAsync(1, cancellationToken);

    /// <summary>Runs until tick <paramref name="tick"/> is complete.</summary>
    public Task<RunCompleted> RunUntilTickAsync(long tick, CancellationToken cancellationToken = default) =>
        AskAsync<RunCompleted>(new RunUntilTick(tick), _options.RunTimeout, cancellationToken);

    /// <summary>Pauses after the current tick.</summary>
    public void Pause() => Coordinator.Tell(PauseSimulation.Instance);

    /// <summary>Resumes a paused clock.</summary>
    public void Resume() => Coordinator.Tell(ResumeSimulation.Instance);

    /// <summary>
    /// Real-time mode: one tick every <paramref name="interval"/> (skipped while a tick is still running), up to
    /// and including <paramref name="untilTick"/> when given.
    /// </summary>
    public void StartRealtime(TimeSpan interval, long? untilTick = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Coordinator.Tell(new StartRealtime(interval, untilTick));
    }

    /// <summary>Leaves real-time mode.</summary>
    public void StopRealtime() => Coordinator.Tell(Actors.StopRealtime.Instance);

    /// <summary>Sends <see cref="TickCompleted"/> of every later tick to <paramref name="watcher"/>.</summary>
    public void WatchTicks(IActorRef watcher) => Coordinator.Tell(new WatchTicks(watcher));

    /// <summary>
    /// Sends external input; it joins the next tick's wave 0 and is journaled, marked as input. Returns that tick.
    /// </summary>
    /// <exception cref="InvalidEventTypeException">The type contains <c>*</c>, or is one of the runtime's reserved
    /// <c>entity.*</c> types (a resume would read such input as a spawn or a despawn).</exception>
    public async Task<long> SendInputAsync(string type, IReadOnlyDictionary<string, object?>? data = null, CancellationToken cancellationToken = default)
    {
        TopicPattern.ValidateEventType(type, nameof(type));
        if (RuntimeEvents.IsReserved(type))
        {
            throw RuntimeEvents.ReservedInputError(type, nameof(type));
        }

        var accepted = await AskAsync<InputAccepted>(new SendInput(type, EventData.From(data)), _options.AskTimeout, cancellationToken);
        return accepted.Tick;
    }

    /// <summary>The log so far, as a core <see cref="EventLog"/> that the caller owns.</summary>
    public async Task<EventLog> GetLogAsync(CancellationToken cancellationToken = default) =>
        (await AskAsync<EventLogResult>(GetEventLog.Instance, _options.AskTimeout, cancellationToken)).Log;

    /// <summary>
    /// Time travel: the log as it stood at the end of <paramref name="untilTick"/> (its events up to and including that
    /// tick), as a core <see cref="EventLog"/> that the caller owns. The same "log as of a tick" as
    /// <c>JournalReader.LoadAsync(system, id, untilTick)</c> and <see cref="EventLog.Copy"/>.
    /// </summary>
    /// <param name="untilTick">The last tick to include.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<EventLog> GetLogAsync(long untilTick, CancellationToken cancellationToken = default) =>
        (await AskAsync<EventLogResult>(new GetEventLogAtTick(untilTick), _options.AskTimeout, cancellationToken)).Log;

    /// <summary>Time travel: the log as it stood at the end of <paramref name="tick"/>.</summary>
    /// <param name="tick">The last tick to include.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    [Obsolete("Use GetLogAsync(untilTick): every way of reading the log as of a tick takes untilTick and returns an EventLog.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public Task<EventLog> GetEventsUntilTickAsync(long tick, CancellationToken cancellationToken = default) => GetLogAsync(tick, cancellationToken);

    /// <summary>
    /// Time travel: state at the end of <paramref name="tick"/>, folded with the pure <paramref name="apply"/>
    /// from <paramref name="initial"/> over the whole log, or over <paramref name="entityId"/>'s own events (what
    /// that entity's <c>Apply</c> saw).
    /// </summary>
    /// <typeparam name="TState">The state.</typeparam>
    public async Task<TState> GetStateAtTickAsync<TState>(long tick, TState initial, Func<TState, Event, TState> apply, string? entityId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        var stored = await AskAsync<StoredTicks>(new GetStoredTicks(0), _options.AskTimeout, cancellationToken);
        return TimeTravel.StateAt(stored.Ticks, tick, initial, apply, entityId);
    }

    /// <summary>
    /// The seed a simulation ran with, as recorded in the first <c>entity.spawned</c> event of its
    /// <paramref name="log"/>; <see langword="null"/> when the log records none.
    /// </summary>
    public static int? SeedOf(EventLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return RuntimeEvents.SeedOf(log.Events);
    }

    /// <summary>Where the simulation stands.</summary>
    public Task<SimulationStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        AskAsync<SimulationStatus>(GetSimulationStatus.Instance, _options.AskTimeout, cancellationToken);

    /// <summary>Stops the simulation's actors (its entities, bus and owned log) and gives back its writer lease.</summary>
    public async Task StopAsync()
    {
        try
        {
            await (_stop?.Invoke() ?? Coordinator.GracefulStop(_options.AskTimeout));
        }
        finally
        {
            await (_lease?.DisposeAsync() ?? ValueTask.CompletedTask);
        }
    }

    /// <summary>Stops the simulation, as <see cref="StopAsync"/>; safe to call more than once.</summary>
    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<T> AskAsync<T>(object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = await Coordinator.Ask<object>(message, timeout, cancellationToken);
        return reply switch
        {
            T result => result,
            Status.Failure { Cause: ArgumentException or SimulationException } failure => throw failure.Cause,
            Status.Failure failure => throw new SimulationException(failure.Cause.Message, failure.Cause),
            _ => throw new SimulationException($"Unexpected reply {reply.GetType().Name} to {message.GetType().Name}."),
        };
    }
}
