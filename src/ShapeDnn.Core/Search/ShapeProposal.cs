using ShapeDnn.DesignSpace;
using ShapeDnn.Prediction;

namespace ShapeDnn.Search;

/// <summary>A shape the search wants trained next, with the reason, the predictor's estimate beforehand and the per-epoch stop rule.</summary>
/// <param name="Shape">The shape to train.</param>
/// <param name="Round">1-based position in the training order (fixed when proposed, whatever order trainings finish in).</param>
/// <param name="Why">Why it was chosen.</param>
/// <param name="PredictedBefore">The predictor's estimate of its final accuracy (null for the first proposals).</param>
public sealed record ShapeProposal(Shape Shape, int Round, string Why, AccuracyPrediction? PredictedBefore)
{
    /// <summary>Decides after every epoch whether to go on; the default never stops early.</summary>
    public StopRule Stop { get; init; } = StopRule.Never(1);
}
