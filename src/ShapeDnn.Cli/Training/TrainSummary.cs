using ShapeDnn.Training;

namespace ShapeDnn.Cli.Training;

/// <summary>What <c>shapednn train --json</c> prints: one training run, with throughput excluding the first (warm-up) epoch.</summary>
internal sealed record TrainSummary(
    string Shape,
    long Parameters,
    string Device,
    int BatchSize,
    int Epochs,
    int TrainImages,
    double ValidationAccuracy,
    double TestAccuracy,
    double TrainingSeconds,
    double ImagesPerSecond,
    double? ImagesPerSecondAfterFirstEpoch,
    double WallSeconds,
    string? Note,
    IReadOnlyList<EpochStatistics> EpochDetails)
{
    /// <summary>Throughput over epochs 2…n (training steps only), or null with a single epoch.</summary>
    public static double? SteadyThroughput(IReadOnlyList<EpochStatistics> epochs, int trainImages)
    {
        var later = epochs.Skip(1).Where(e => e.TrainingSeconds > 0).ToList();
        return later.Count == 0 ? null : later.Count * (double)trainImages / later.Sum(e => e.TrainingSeconds);
    }
}
