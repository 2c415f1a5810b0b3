using ShapeDnn.DesignSpace;
using ShapeDnn.Prediction;

namespace ShapeDnn.Search;

/// <summary>One shape the search trained (to the end, or stopped early), in the order it was first trained.</summary>
/// <param name="Shape">The shape.</param>
/// <param name="Round">1-based position in the training order.</param>
/// <param name="Why">Why this shape was chosen for training.</param>
/// <param name="PredictedBefore">The predictor's estimate before training (null for the first proposals).</param>
/// <param name="ValidationAccuracy">The last measured validation accuracy (the final one when <see cref="Completed"/>).</param>
public sealed record TrainedShape(Shape Shape, int Round, string Why, AccuracyPrediction? PredictedBefore, double ValidationAccuracy)
{
    /// <summary>Validation accuracy after each epoch trained.</summary>
    public IReadOnlyList<double> Curve { get; init; } = [ValidationAccuracy];

    /// <summary>Whether the run reached the recipe's last epoch; only complete runs can be chosen.</summary>
    public bool Completed { get; init; } = true;

    /// <summary>Why training stopped before the last epoch; null for a complete run.</summary>
    public string? StoppedBecause { get; init; }

    /// <summary>1-based batch of proposals it was trained in (shapes of one batch train at the same time under <c>--parallel</c>).</summary>
    public int Batch { get; init; } = 1;

    /// <summary>Epochs trained.</summary>
    public int Epochs => Curve.Count;
}
