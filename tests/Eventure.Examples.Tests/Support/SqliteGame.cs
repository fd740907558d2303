using System.Collections.Immutable;
using Eventure.Actors;

namespace Eventure.Examples.Tests.Support;

/// <summary>A game played on SQLite: its log, and every entity's state when the run started and when it stopped.</summary>
/// <param name="Log">The log at the stop.</param>
/// <param name="Found">Every entity's state right after the simulation started (recovered, when resumed).</param>
/// <param name="Left">Every entity's state when the run stopped.</param>
internal sealed record SqliteGame(EventLog Log, ImmutableArray<EntityStateComparison> Found, ImmutableArray<EntityStateComparison> Left);
