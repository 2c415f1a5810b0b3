using ShapeDnn.DesignSpace;
using ShapeDnn.Prediction;

namespace ShapeDnn.Search;

/// <summary>A shape the search wants trained next, with the reason and the predictor's estimate beforehand.</summary>
/// <param name="Shape">The shape to train.</param>
/// <param name="Round">1-based position in the training order (fixed when proposed, whatever order trainings finish in).</param>
/// <param name="Why">Why it was chosen.</param>
/// <param name="PredictedBefore">The predictor's estimate (null for the initial sample).</param>
public sealed record ShapeProposal(Shape Shape, int Round, string Why, AccuracyPrediction? PredictedBefore);
