using ShapeDnn.DesignSpace;

namespace ShapeDnn.Search;

/// <summary>A shape that passed the size, latency and energy filter, with the cost the goal minimises.</summary>
/// <param name="Shape">The shape.</param>
/// <param name="Cost">What the goal minimises (parameters, milliseconds or millijoules); for
/// MaximizeAccuracy the parameter count, used only to break ties towards smaller networks.</param>
public sealed record SearchCandidate(Shape Shape, double Cost)
{
    /// <summary>
    /// The relative cost of training it (any unit, the same for every candidate; see
    /// <see cref="TrainingCostProxy"/>): the search prefers what answers its question for fewer
    /// training seconds. 1 when unknown.
    /// </summary>
    public double TrainingWeight { get; init; } = 1;
}
