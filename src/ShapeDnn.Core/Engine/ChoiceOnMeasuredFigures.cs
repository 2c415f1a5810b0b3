using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Filtering;
using ShapeDnn.Profiles;
using ShapeDnn.Search;
using ShapeDnn.Selection;

namespace ShapeDnn.Engine;

/// <summary>
/// Makes a latency or energy goal's choice rest on measured figures: while a trained, qualifying
/// shape with a predicted cost could be cheaper than the chosen one (its cost within the
/// prediction margin), it is measured and the choice made again.
/// </summary>
internal static class ChoiceOnMeasuredFigures
{
    public static TrainedShape Settle(SearchOutcome outcome, Dictionary<Shape, double> cost, IReadOnlyList<ShapeProfile> profiles,
        ShapeMeasurer? measurer, Goal goal, double? minAccuracy, ISearchObserver observer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var chosen = ShapeSelector.Choose(outcome, cost, goal, minAccuracy);
            if (goal is not (Goal.MinimizeLatency or Goal.MinimizeEnergy) || measurer is null) return chosen;
            ShapeProfile Profile(Shape s) => profiles.First(p => p.Shape == s);
            double Margin(ShapeProfile p) => p.Latency!.MedianMilliseconds > 0 ? p.Latency.P90Milliseconds / p.Latency.MedianMilliseconds - 1 : 0;
            double Upper(ShapeProfile p) => cost[p.Shape] * (PredictedProfiling.IsExact(p, goal) ? 1 : 1 + Margin(p));
            double Lower(ShapeProfile p) => cost[p.Shape] / (PredictedProfiling.IsExact(p, goal) ? 1 : 1 + Margin(p));

            var rivals = ShapeSelector.Rank(outcome.Trained, cost, goal, minAccuracy).Select(t => Profile(t.Shape)).ToList();
            double bound = Upper(Profile(chosen.Shape));
            var open = rivals.Where(p => !PredictedProfiling.IsExact(p, goal) && Lower(p) <= bound).ToList();
            if (open.Count == 0) return chosen;
            foreach (var p in open)
            {
                observer.Detail($"measuring {p.Shape.Name}: its predicted {(goal == Goal.MinimizeLatency ? "latency" : "energy")} could decide the choice");
                if (measurer.Measure(p, withEnergy: goal == Goal.MinimizeEnergy, cancellationToken))
                    cost[p.Shape] = goal == Goal.MinimizeLatency ? p.Latency!.MedianMilliseconds : p.Energy!.Millijoules;
                else
                    cost[p.Shape] = double.PositiveInfinity; // the device cannot run it: it cannot be delivered
            }
        }
    }
}
