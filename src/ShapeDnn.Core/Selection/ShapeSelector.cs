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
    /// <exception cref="ShapeDnnException">SDNN014 when no trained shape reaches the accuracy limit; SDNN021 when every proposed shape was skipped.</exception>
    public static TrainedShape Choose(SearchOutcome outcome, IReadOnlyDictionary<DesignSpace.Shape, double> cost, Goal goal, double? minAccuracy)
    {
        if (outcome.Trained.Count == 0)
            throw new ShapeDnnException(ErrorCode.NothingTrainable,
                $"No shape could be trained: {string.Join("; ", outcome.Skipped.Select(s => $"{s.Shape.Name}: {s.Reason}"))}. " +
                "Use a device with more memory, a smaller --design-space, or --device cpu.");
        var ranked = Rank(outcome.Trained, cost, goal, minAccuracy);
        if (ranked.Count > 0) return ranked[0];
        var best = outcome.Trained.MaxBy(t => t.ValidationAccuracy)!;
        string epochs = best.Completed ? "" : $" after {best.Epochs} epoch(s), stopped early ({best.StoppedBecause})";
        throw new ShapeDnnException(ErrorCode.AccuracyNotReached,
            $"No trained shape reached MinAccuracy={minAccuracy:P1}: the best, {best.Shape.Name}, measured {best.ValidationAccuracy:P1} on validation{epochs} " +
            $"after {outcome.Trained.Count} trained shape(s) ({outcome.StopExplanation}). " +
            "Lower MinAccuracy, relax the size/latency/energy limits so that larger shapes stay feasible, or give a larger --budget.");
    }
}
