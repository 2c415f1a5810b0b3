using ShapeDnn.DesignSpace;
using ShapeDnn.Prediction;

namespace ShapeDnn.Search;

/// <summary>What the search trained, why it stopped, and the final predictions over the feasible space.</summary>
/// <param name="Trained">Trained shapes in training order.</param>
/// <param name="StopReason">Why the search stopped.</param>
/// <param name="FinalPredictions">The predictor, fitted to every measurement, over all feasible shapes.</param>
public sealed record SearchOutcome(IReadOnlyList<TrainedShape> Trained, StopReason StopReason, IReadOnlyDictionary<Shape, AccuracyPrediction> FinalPredictions)
{
    /// <summary>Shapes proposed but not trainable (each with its reason); they are left out of predictions and the choice.</summary>
    public IReadOnlyList<SkippedShape> Skipped { get; init; } = [];

    /// <summary>Training spent, in complete runs (a run stopped after k of E epochs counts k/E).</summary>
    public double ShapesSpent { get; init; }

    /// <summary>A sentence explaining <see cref="StopReason"/>.</summary>
    public string StopExplanation => StopReason switch
    {
        StopReason.Settled => "settled: no untrained shape is likely to change the choice",
        StopReason.NoAccuracyLimit => "no accuracy limit: the cheapest feasible shape is the choice",
        StopReason.BudgetSpent => "budget spent: the training budget (a ceiling) allows no more training",
        StopReason.AllTrained => "every feasible shape has been trained",
        StopReason.AccuracyOutOfReach => "no trained shape reaches the accuracy limit and no untrained shape is likely to",
        StopReason.TimeBudget => "time budget reached: the wall-clock ceiling of the search allows no more training",
        _ => StopReason.ToString(),
    };
}
