using Akka.Actor;
using Akka.Actor.Internal;

namespace Eventure.Actors;

/// <summary>
/// How the coordinator supervises the simulation's own parts (bus, partitions, log): a part that throws is a
/// runtime defect or a broken store, never something a restart with empty state could repair, so it is stopped and
/// the coordinator is told which part failed and why. (Entity faults are handled by the partitions.)
/// </summary>
internal sealed class RoleSupervision : OneForOneStrategy
{
    private RoleSupervision()
        : base(_ => Directive.Stop)
    {
    }

    /// <summary>The single instance (it holds no state).</summary>
    public static RoleSupervision Instance { get; } = new();

    /// <inheritdoc />
    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        context.Self.Tell(new PartFailed(child.Path.Name, $"{cause.GetType().Name}: {cause.Message}"), child);
        base.ProcessFailure(context, restart, child, cause, stats, children);
    }

    /// <summary>Why the simulation stops after <paramref name="message"/> (a <see cref="LogFailed"/>, a <see cref="PartFailed"/> or the log's <c>Terminated</c>).</summary>
    public static string ReasonOf(object message) => message switch
    {
        LogFailed failed => $"the log failed: {failed.Reason}",
        PartFailed part => $"the {part.Part} failed ({part.Reason}); the simulation stops rather than continue with lost state.",
        _ => "the log actor stopped; no further tick can be stored.",
    };

    /// <summary>A part of the simulation threw and was stopped.</summary>
    /// <param name="Part">The part's actor name (bus, log, partition-N).</param>
    /// <param name="Reason">The exception.</param>
    internal sealed record PartFailed(string Part, string Reason) : IEventureMessage;
}
