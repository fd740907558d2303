using Akka.Actor;
using Akka.Event;

namespace Eventure.Actors;

/// <summary>
/// A partition's supervision of its entities: Akka's default decisions (a throwing entity is restarted), a bounded log
/// of the restarts, and every stopped child reported to the partition as <see cref="ChildStopped"/>. One instance per
/// partition (it keeps which faults it logged; Akka calls it on the partition's own thread).
/// </summary>
/// <remarks>
/// <para>This replaces <c>Context.Watch</c> on entities. A parent learns of its children's termination through
/// supervision anyway, while a watched actor carries Akka's full actor state (a behavior stack and watcher sets)
/// that every message it handles then goes through: with 10,000 entities, watching them cost about a quarter of
/// the tick barrier's throughput. The bus is told by the coordinator when an entity leaves.</para>
/// <para>A fault is journaled as <c>entity.faulted</c> (exception type and message) wherever it happens, so the log
/// needs only the stack trace, once: the first restart for each exception type is logged at Error with its exception,
/// every later one at Debug. Akka's default (an Error with a formatted stack trace for every restart) cost about a
/// quarter of the run when 1 % of deliveries throw.</para>
/// </remarks>
internal sealed class EntitySupervision : OneForOneStrategy
{
    private const int MaxLoggedTypes = 64;
    private readonly HashSet<Type> _logged = [];
    private bool? _debug;

    /// <summary>Creates the supervision of one partition.</summary>
    public EntitySupervision()
        : base(DefaultDecider)
    {
    }

    /// <inheritdoc />
    public override void HandleChildTerminated(IActorContext actorContext, IActorRef child, IEnumerable<IInternalActorRef> children)
    {
        base.HandleChildTerminated(actorContext, child, children);
        actorContext.Self.Tell(new ChildStopped(child), child);
    }

    /// <inheritdoc />
    protected override void LogFailure(IActorContext context, IActorRef child, Exception cause, Directive directive)
    {
        if (directive != Directive.Restart || cause is ActorInitializationException)
        {
            base.LogFailure(context, child, cause, directive);
            return;
        }

        if (_logged.Count < MaxLoggedTypes && _logged.Add(cause.GetType()))
        {
            context.System.EventStream.Publish(new Error(
                cause,
                child.Path.ToString(),
                GetType(),
                $"{cause.Message} (restarted; journaled as entity.faulted. Later {cause.GetType().Name} faults in this partition are logged at Debug.)"));
        }
        else if (_debug ??= Logging.LogLevelFor(context.System.Settings.LogLevel) <= LogLevel.DebugLevel)
        {
            context.System.EventStream.Publish(new Debug(child.Path.ToString(), GetType(), $"restarted after {cause}"));
        }
    }

    /// <summary>A child of the partition stopped (despawned, stopped itself, or given up on by supervision).</summary>
    /// <param name="Child">The stopped child.</param>
    /// <remarks>
    /// When the partition itself stops (the simulation is disposed), its children's notices reach a dead actor:
    /// expected, so they are not logged as dead letters.
    /// </remarks>
    internal sealed record ChildStopped(IActorRef Child) : IEventureMessage, IDeadLetterSuppression;
}
