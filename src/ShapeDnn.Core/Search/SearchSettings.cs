using ShapeDnn.DesignSpace;
using ShapeDnn.Search.LearningCurves;

namespace ShapeDnn.Search;

/// <summary>How much the search may train and what it knows about learning curves.</summary>
/// <param name="Epochs">Epochs of the recipe each shape is trained with (a complete run).</param>
/// <param name="MaxShapeEquivalents">Ceiling on training, in complete runs: a run stopped after k of E epochs counts k/E.</param>
public sealed record SearchSettings(int Epochs, double MaxShapeEquivalents)
{
    /// <summary>The learning-curve prior for the recipe's schedule.</summary>
    public LearningCurvePrior CurvePrior { get; init; } = LearningCurvePrior.OneCycleCosine;

    /// <summary>
    /// Asked between rounds: once it returns true the search proposes nothing more and ends with
    /// <see cref="StopReason.TimeBudget"/> (the engine's wall-clock ceiling); null for no ceiling.
    /// </summary>
    public Func<bool>? TimeUp { get; init; }

    /// <summary>
    /// Measures the goal's cost of a shape whose cost was predicted (<see cref="SearchCandidate.CostIsPredicted"/>),
    /// before a cost goal trains it; +∞ when the device cannot run it or the measurement puts it over a limit.
    /// Null: predicted costs are taken as they are (the replay, whose figures are all measured).
    /// </summary>
    public Func<Shape, double>? MeasureCost { get; init; }

    /// <summary>
    /// Smallest chance of changing the choice that earns a cost goal's proposal a place in a batch of concurrent
    /// trainings (<see cref="SpeculativeBatch"/>); 0 fills every slot the ranking can.
    /// </summary>
    public double JoinProbability { get; init; } = ShapeSearch.JoinProbability;

    /// <summary>How much a dominating shape may fall short of a dominated one (<see cref="MonotoneBounds"/>); <see cref="MonotoneBounds.ToleranceFor"/> gives it per recipe.</summary>
    public double MonotoneTolerance { get; init; } = MonotoneBounds.Tolerance;
}
