using System.Runtime.CompilerServices;
using Eventure.Internal;

namespace Eventure;

/// <summary>
/// The in-process, synchronous event bus: <see cref="Publish"/> appends an event to the log and delivers it
/// to every subscription whose pattern matches.
/// </summary>
/// <remarks>
/// <para>Delivery has four phases, always in this order: exact subscriptions, prefix (<c>a.*</c>),
/// suffix (<c>*.b</c>), global (<c>*</c>). Within the prefix and suffix phases, patterns are visited in the
/// order each pattern was first subscribed, and handlers in subscription order within a pattern. A handler
/// subscribed under several matching patterns is called once per matching subscription.</para>
/// <para>Dispatch is depth-first and re-entrant, like the Python original: an event published from a handler
/// is fully delivered before the outer event's remaining handlers run. (The actor runtime's bus is
/// breadth-first by wave instead; see docs/determinism.md.)</para>
/// <para>Each dispatch works on a snapshot of the subscriptions taken when it starts: subscribing or
/// unsubscribing from a handler applies from the next dispatch. A handler that throws does not stop the
/// others; after everyone has run, an <see cref="EventDeliveryException"/> reports the failures. A cascade
/// nested deeper than <see cref="MaxCascadeDepth"/> stops with a <see cref="CascadeDepthExceededException"/>.</para>
/// <para>Like <see cref="EventLog"/>, a bus has a single owner and is not thread-safe.</para>
/// </remarks>
/// <example>
/// <code>
/// var bus = new EventBus(new EventLog());
/// using var sub = bus.Subscribe("player.*", e => Console.WriteLine(e.Type));
/// bus.Publish("player.move", new Dictionary&lt;string, object?&gt; { ["to"] = "hall" });
/// </code>
/// </example>
public sealed class EventBus
{
    /// <summary>The default for <see cref="MaxCascadeDepth"/>.</summary>
    public const int DefaultMaxCascadeDepth = 10_000;

    private readonly EventLog _log;
    private readonly SubscriptionIndex<Subscription> _index = new();
    private int _depth;

    /// <summary>Creates a bus that logs published events in <paramref name="log"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    public EventBus(EventLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
    }

    /// <summary>The log that published events go to.</summary>
    public EventLog Log => _log;

    /// <summary>
    /// How deep publishes may nest inside handlers before the cascade is stopped with a
    /// <see cref="CascadeDepthExceededException"/>. Default 10,000. The cascade also stops, with the same
    /// error, if the thread's stack would run out first.
    /// </summary>
    public int MaxCascadeDepth
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = DefaultMaxCascadeDepth;

    /// <summary>
    /// Subscribes <paramref name="handler"/> to every event type matching <paramref name="pattern"/>.
    /// Disposing the returned handle removes exactly this registration; disposing it again does nothing.
    /// </summary>
    /// <exception cref="InvalidTopicPatternException">The pattern is not a valid form (see <see cref="TopicPattern"/>).</exception>
    public IDisposable Subscribe(string pattern, Action<Event> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var parsed = TopicPattern.Parse(pattern);
        var subscription = new Subscription(this, parsed.Text, handler);
        _index.Add(parsed, subscription);
        return subscription;
    }

    /// <summary>Logs a new event at the log's current tick, delivers it, and returns it.</summary>
    /// <exception cref="InvalidEventTypeException">The type contains <c>*</c>.</exception>
    /// <exception cref="EventDeliveryException">One or more handlers threw (the event is logged and every other handler ran).</exception>
    /// <exception cref="CascadeDepthExceededException">The publish would nest deeper than <see cref="MaxCascadeDepth"/>.</exception>
    public Event Publish(string type, IReadOnlyDictionary<string, object?>? data = null, Event? parentEvent = null)
    {
        TopicPattern.ValidateEventType(type, nameof(type));
        if (_depth >= MaxCascadeDepth)
        {
            throw new CascadeDepthExceededException(type, _depth + 1, parentEvent?.Id, $"the limit is {MaxCascadeDepth} (EventBus.MaxCascadeDepth).");
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new CascadeDepthExceededException(type, _depth + 1, parentEvent?.Id, "the thread's stack is nearly exhausted.");
        }

        var e = _log.AddEvent(type, data, parentEvent);
        Dispatch(e);
        return e;
    }

    /// <summary>
    /// Delivers <paramref name="e"/> to the matching subscriptions without logging it.
    /// </summary>
    /// <exception cref="EventDeliveryException">One or more handlers threw (every other handler ran).</exception>
    public void Dispatch(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var handlers = _index.Resolve(e.Type);
        if (handlers.Length == 0)
        {
            return;
        }

        List<HandlerFailure>? failures = null;
        _depth++;
        try
        {
            foreach (var subscription in handlers)
            {
                try
                {
                    subscription.Handler(e);
                }
                catch (Exception ex) when (ex is not CascadeDepthExceededException)
                {
                    // A filter, not catch-and-rethrow: a stopped cascade unwinds in one pass, however deep.
                    (failures ??= []).Add(new HandlerFailure(subscription.Pattern, ex));
                }
            }
        }
        finally
        {
            _depth--;
        }

        if (failures is not null)
        {
            throw new EventDeliveryException(e, failures);
        }
    }

    private void Unsubscribe(Subscription subscription) => _index.Remove(subscription.Pattern, s => ReferenceEquals(s, subscription));

    /// <summary>One subscription: its pattern and handler.</summary>
    private sealed class Subscription(EventBus bus, string pattern, Action<Event> handler) : IDisposable
    {
        private bool _disposed;

        public Action<Event> Handler { get; } = handler;

        public string Pattern { get; } = pattern;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            bus.Unsubscribe(this);
        }
    }
}
