using ShapeDnn.DesignSpace;
using ShapeDnn.Prediction;

namespace ShapeDnn.Search;

/// <summary>One shape the search trained, in the order it was trained.</summary>
/// <param name="Shape">The shape.</param>
/// <param name="Round">1-based position in the training order.</param>
/// <param name="Why">Why this shape was chosen for training.</param>
/// <param name="PredictedBefore">The predictor's estimate before training (null for the initial sample, which is chosen for coverage).</param>
/// <param name="ValidationAccuracy">Measured validation accuracy.</param>
public sealed record TrainedShape(Shape Shape, int Round, string Why, AccuracyPrediction? PredictedBefore, double ValidationAccuracy);
