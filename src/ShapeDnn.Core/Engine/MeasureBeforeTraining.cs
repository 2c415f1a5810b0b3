using ShapeDnn.Constraints;
using ShapeDnn.Filtering;
using ShapeDnn.Profiles;

namespace ShapeDnn.Engine;

/// <summary>
/// The search's <see cref="Search.SearchSettings.MeasureCost"/> for the real search and the replay: measures
/// the latency (and energy) of a shape whose goal figure the filter predicted, before it is trained.
/// </summary>
internal static class MeasureBeforeTraining
{
    /// <summary>Measures <paramref name="profile"/> and records its goal cost in <paramref name="cost"/>.</summary>
    /// <returns>The measured cost; +∞ when the device cannot run the shape or the measurement puts it over a limit (it cannot be delivered).</returns>
    public static double Measure(ShapeProfile profile, ShapeMeasurer measurer, Goal goal, ConstraintSet limits, IDictionary<DesignSpace.Shape, double> cost,
        Action<string>? detail, CancellationToken cancellationToken)
    {
        detail?.Invoke($"measuring {profile.Shape.Name} before training it: its {(goal == Goal.MinimizeLatency ? "latency" : "energy")} was predicted");
        bool measured = measurer.Measure(profile, withEnergy: goal == Goal.MinimizeEnergy || limits.NeedsEnergy, cancellationToken);
        if (measured) LimitCheck.JudgeMeasured(profile, limits);
        return cost[profile.Shape] = measured && profile.Feasible ? SearchEngine.Cost(profile, goal) : double.PositiveInfinity;
    }
}
