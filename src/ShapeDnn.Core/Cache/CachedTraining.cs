using ShapeDnn.Training;

namespace ShapeDnn.Cache;

/// <summary>What the cache keeps of one trained shape besides its weights.</summary>
/// <param name="Shape">Shape name, e.g. <c>WRN-16-2</c>.</param>
/// <param name="ValidationAccuracy">Validation accuracy, 0 … 1.</param>
/// <param name="TestAccuracy">Test accuracy, 0 … 1.</param>
/// <param name="Epochs">Per-epoch statistics.</param>
/// <param name="TrainingSeconds">Wall-clock training time.</param>
/// <param name="ImagesPerSecond">Training throughput.</param>
/// <param name="Device">Device that trained it.</param>
/// <param name="ToolVersion">ShapeDnn version that trained it.</param>
/// <param name="CreatedUtc">When the entry was written.</param>
public sealed record CachedTraining(
    string Shape,
    double ValidationAccuracy,
    double TestAccuracy,
    IReadOnlyList<EpochStatistics> Epochs,
    double TrainingSeconds,
    double ImagesPerSecond,
    string Device,
    string ToolVersion,
    DateTime CreatedUtc)
{
    /// <summary>The batch size used (smaller than the recipe's after running out of device memory); 0 = unknown.</summary>
    public int BatchSize { get; init; }

    /// <summary>How the run deviated from the recipe, if it did.</summary>
    public string? Note { get; init; }

    /// <summary>The entry for <paramref name="result"/>, trained now by <paramref name="device"/> (the search and its worker processes write the same).</summary>
    public static CachedTraining Of(string shape, TrainingResult result, string device) =>
        new(shape, result.ValidationAccuracy, result.TestAccuracy, result.Epochs, result.TrainingSeconds,
            result.ImagesPerSecond, device, Engine.SearchEngine.ToolVersion, DateTime.UtcNow) { BatchSize = result.BatchSize, Note = result.Note };
}
