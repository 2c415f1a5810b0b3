using ShapeDnn.DesignSpace;

namespace ShapeDnn.Search;

/// <summary>A shape that passed the size, latency and energy filter, with the cost the goal minimises.</summary>
/// <param name="Shape">The shape.</param>
/// <param name="Cost">What the goal minimises (parameters, milliseconds or millijoules); for
/// MaximizeAccuracy the parameter count, used only to break ties towards smaller networks.</param>
public sealed record SearchCandidate(Shape Shape, double Cost)
{
    private readonly double _lowestCost = double.NaN;

    /// <summary>
    /// The relative cost of training it (any unit, the same for every candidate; see
    /// <see cref="TrainingCostProxy"/>): the search prefers what answers its question for fewer
    /// training seconds. 1 when unknown.
    /// </summary>
    public double TrainingWeight { get; init; } = 1;

    /// <summary>
    /// The lowest the goal's cost may really be: <see cref="Cost"/> when it was measured, less when it
    /// was predicted (the prediction's margin). A shape whose predicted latency lies above the best
    /// shape found so far may still be cheaper, so the search keeps it open while its lowest cost is
    /// below; the engine then measures it before it decides (<c>ChoiceOnMeasuredFigures</c>).
    /// </summary>
    public double LowestCost
    {
        get => double.IsNaN(_lowestCost) ? Cost : _lowestCost;
        init => _lowestCost = value;
    }

    /// <summary>Whether <see cref="Cost"/> was predicted rather than measured (its lowest possible value lies below it).</summary>
    public bool CostIsPredicted => LowestCost < Cost;
}
