using System.Globalization;

namespace Eventure.Examples.Adventure;

/// <summary>Prints the adventure's results from a log: the summary and the query demonstrations.</summary>
internal static class AdventureReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The state summary, the part <c>replay adventure</c> prints too.</summary>
    public static void PrintSummary(AdventureState state, TextWriter output)
    {
        output.WriteLine("===== GAME SUMMARY =====");
        output.WriteLine($"Outcome: {state.Outcome ?? "unfinished"}");
        output.WriteLine($"Location: {state.Location}");
        output.WriteLine($"Health: {state.Health.ToString(Invariant)}");
        output.WriteLine($"Inventory: {string.Join(", ", state.Inventory)}");
        output.WriteLine($"Enemies defeated: {state.EnemiesDefeated.ToString(Invariant)}");
        output.WriteLine($"Treasures: {string.Join(", ", state.Treasures)}");
        output.WriteLine($"Score: {AdventureWorld.Score(state).ToString(Invariant)}");
    }

    /// <summary>The whole report of a live run: summary, log figures and the query demonstrations.</summary>
    public static void Print(EventLog log, TextWriter output)
    {
        var query = log.CreateQuery();
        output.WriteLine();
        PrintSummary(AdventureState.Replay(log.Events), output);
        output.WriteLine();
        output.WriteLine($"Events: {log.Events.Count.ToString(Invariant)} over ticks 0-{log.CurrentTick.ToString(Invariant)}, {query.GetRootEvents().Count.ToString(Invariant)} roots");

        output.WriteLine();
        output.WriteLine("===== QUERIES =====");
        output.WriteLine("Events by type:");
        foreach (var (type, count) in query.CountEventsByType())
        {
            output.WriteLine($"  {type}: {count.ToString(Invariant)}");
        }

        var combat = log.Events.Count(e => e.Type.StartsWith("combat.", StringComparison.Ordinal));
        output.WriteLine($"Total combat events: {combat.ToString(Invariant)}");
        var moves = query.GetEventsByType("player.move");
        var firstMove = moves.Count > 0 ? moves[0] : null;
        if (firstMove is not null)
        {
            output.WriteLine($"Events triggered by the first move: {(query.GetCascadeEvents(firstMove).Count - 1).ToString(Invariant)}");
        }

        var encounters = query.GetEventsByType("enemy.encounter");
        var firstEncounter = encounters.Count > 0 ? encounters[0] : null;
        if (firstEncounter is not null)
        {
            var enemy = (string)firstEncounter.Data["enemy"]!;
            output.WriteLine($"Events mentioning the {enemy}: {query.GetEventsByData("enemy", enemy).Count.ToString(Invariant)}");
            output.WriteLine();
            output.WriteLine($"Cascade of the {enemy} encounter:");
            query.PrintSingleCascade(firstEncounter, output);
        }
    }
}
