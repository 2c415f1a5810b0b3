using ShapeDnn.Constraints;
using ShapeDnn.Diagnostics;
using ShapeDnn.Search;

namespace ShapeDnn.Selection;

/// <summary>
/// Picks the delivered shape among the trained ones: only measured accuracies decide, never
/// predictions, so that the delivered network is known to meet the accuracy limit.
/// </summary>
public static class ShapeSelector
{
    /// <summary>Orders trained shapes best first under <paramref name="goal"/>; shapes below the accuracy limit are left out.</summary>
    public static IReadOnlyList<TrainedShape> Rank(IEnumerable<TrainedShape> trained, IReadOnlyDictionary<DesignSpace.Shape, double> cost, Goal goal, double? minAccuracy)
    {
        // Only complete runs: a run stopped early was neither trained to the end nor measured at the end.
        var qualifying = trained.Where(t => t.Completed && (minAccuracy is null || t.ValidationAccuracy >= minAccuracy.Value));
        return goal == Goal.MaximizeAccuracy
            ? qualifying.OrderByDescending(t => t.ValidationAccuracy).ThenBy(t => cost[t.Shape]).ToList()
            : qualifying.OrderBy(t => cost[t.Shape]).ThenByDescending(t => t.ValidationAccuracy).ToList();
    }

    /// <summary>The chosen shape.</summary>
    /// <exception cref="ShapeDnnException">
    /// SDNN014 when no trained shape reaches the accuracy limit; SDNN021 when every proposed shape was skipped;
    /// SDNN027 when the time budget ran out before a shape that meets the limits was trained to the end.
    /// </exception>
    public static TrainedShape Choose(SearchOutcome outcome, IReadOnlyDictionary<DesignSpace.Shape, double> cost, Goal goal, double? minAccuracy)
    {
        if (outcome.Trained.Count == 0 && outcome.StopReason == StopReason.TimeBudget) throw TimeBudgetSpent(outcome, minAccuracy);
        if (outcome.Trained.Count == 0)
            throw new ShapeDnnException(ErrorCode.NothingTrainable,
                $"No shape could be trained: {string.Join("; ", outcome.Skipped.Select(s => $"{s.Shape.Name}: {s.Reason}"))}. " +
                "Use a device with more memory, a smaller --design-space, or --device cpu.");
        var ranked = Rank(outcome.Trained, cost, goal, minAccuracy);
        if (ranked.Count > 0) return ranked[0];
        if (outcome.StopReason == StopReason.TimeBudget) throw TimeBudgetSpent(outcome, minAccuracy);
        var best = outcome.Trained.MaxBy(t => t.ValidationAccuracy)!;
        string epochs = best.Completed ? "" : $" after {best.Epochs} epoch(s), stopped early ({best.StoppedBecause})";
        throw new ShapeDnnException(ErrorCode.AccuracyNotReached,
            $"No trained shape reached MinAccuracy={minAccuracy:P1}: the best, {best.Shape.Name}, measured {best.ValidationAccuracy:P1} on validation{epochs} " +
            $"after {outcome.Trained.Count} trained shape(s) ({outcome.StopExplanation}). " +
            "Lower MinAccuracy, relax the size/latency/energy limits so that larger shapes stay feasible, or give a larger --budget.");
    }

    private static ShapeDnnException TimeBudgetSpent(SearchOutcome outcome, double? minAccuracy)
    {
        string limit = minAccuracy is { } min ? $" and reached MinAccuracy={min:P1}" : "";
        string trained = outcome.Trained.Count == 0
            ? "no training had started"
            : string.Join("; ", outcome.Trained.Select(t => $"{t.Shape.Name}: {t.ValidationAccuracy:P1} after {t.Epochs} epoch(s){(t.Completed ? "" : $", stopped ({t.StoppedBecause})")}"));
        return new ShapeDnnException(ErrorCode.TimeBudgetSpent,
            $"The time budget ran out before any shape that meets the limits was trained to the end{limit} ({trained}). " +
            "Give a larger --time-budget (ShapeDnnTimeBudget), a smaller --budget, or a smaller --design-space.");
    }
}
