namespace ShapeDnn.Data;

/// <summary>How <see cref="DatasetSplitter"/> divides a dataset.</summary>
/// <param name="ValidationCount">Training images held out for validation (the reference recipe holds out 5,000).</param>
/// <param name="Seed">Seed of the draw; the same seed and counts give the same split.</param>
/// <param name="TrainCount">If set, at most this many of the remaining training images are kept (a quick budget's subset).</param>
/// <param name="TestCount">If set, at most this many test images are kept.</param>
/// <param name="Stratified">Draw each class in proportion to its frequency, so that small subsets keep every class.</param>
public sealed record SplitOptions(
    int ValidationCount,
    int Seed,
    int? TrainCount = null,
    int? TestCount = null,
    bool Stratified = true);
