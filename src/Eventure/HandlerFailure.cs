namespace Eventure;

/// <summary>One subscriber that threw while an event was delivered.</summary>
/// <param name="Pattern">The pattern the failing handler was subscribed under.</param>
/// <param name="Exception">What the handler threw.</param>
public sealed record HandlerFailure(string Pattern, Exception Exception);
