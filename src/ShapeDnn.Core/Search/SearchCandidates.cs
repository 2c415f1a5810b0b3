using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Filtering;
using ShapeDnn.Profiles;

namespace ShapeDnn.Search;

/// <summary>Turns the filter's feasible profiles into the search's candidates: one place for the real search and the replay.</summary>
internal static class SearchCandidates
{
    /// <summary>The candidates for <paramref name="goal"/>: cost, its lowest possible value when it was predicted, and the training-cost proxy of the device.</summary>
    public static IReadOnlyList<SearchCandidate> From(IEnumerable<ShapeProfile> feasible, IReadOnlyDictionary<Shape, double> cost, Goal goal, bool onGpu) =>
        feasible.Select(p => new SearchCandidate(p.Shape, cost[p.Shape])
        {
            TrainingWeight = TrainingCostProxy.Of(p.Plan, onGpu),
            LowestCost = cost[p.Shape] / (1 + PredictionMargin(p, goal)),
        }).ToList();

    /// <summary>The relative margin of a predicted latency or energy (its interval's upper end over its median); 0 when measured or when the goal is not latency or energy.</summary>
    private static double PredictionMargin(ShapeProfile p, Goal goal) =>
        goal is Goal.MinimizeLatency or Goal.MinimizeEnergy && !PredictedProfiling.IsExact(p, goal) && p.Latency is { MedianMilliseconds: > 0 } latency
            ? latency.P90Milliseconds / latency.MedianMilliseconds - 1
            : 0;
}
