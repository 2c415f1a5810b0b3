namespace ShapeDnn.Cache;

/// <summary>
/// What a <see cref="CachedTraining"/> must satisfy to be believed: the manifest proves an entry is as
/// it was written, these rules that what was written is a training at all (so that no value read
/// from the cache can mislead the search or crash the code generator).
/// </summary>
internal static class CachedTrainingRules
{
    /// <summary>The first rule <paramref name="metrics"/> breaks, or null when it keeps them all.</summary>
    /// <param name="metrics">The metrics read or about to be stored.</param>
    /// <param name="shape">The shape the entry must be of; null = not checked.</param>
    public static string? Violation(CachedTraining metrics, string? shape)
    {
        if (string.IsNullOrWhiteSpace(metrics.Shape)) return "no shape name";
        if (shape is not null && metrics.Shape != shape) return $"it is of {metrics.Shape}, not {shape}";
        if (!IsFraction(metrics.ValidationAccuracy)) return $"validation accuracy {metrics.ValidationAccuracy} is not in [0, 1]";
        // NaN: not measured (a run the search stopped early, or no test images); anything else must be a fraction.
        if (!double.IsNaN(metrics.TestAccuracy) && !IsFraction(metrics.TestAccuracy)) return $"test accuracy {metrics.TestAccuracy} is not in [0, 1]";
        if (!IsNonNegative(metrics.TrainingSeconds)) return $"training time {metrics.TrainingSeconds} s is not a duration";
        if (!IsNonNegative(metrics.ImagesPerSecond)) return $"throughput {metrics.ImagesPerSecond} images/s is not a rate";
        if (metrics.BatchSize < 0) return $"batch size {metrics.BatchSize} is negative";
        if (metrics.Device is null || metrics.ToolVersion is null) return "device or tool version missing";
        if (metrics.Epochs is null || metrics.Epochs.Count < 1) return "no epochs";
        for (int i = 0; i < metrics.Epochs.Count; i++)
        {
            var e = metrics.Epochs[i];
            if (e is null || e.Epoch != i + 1) return $"epoch {i + 1} is missing or out of order";
            if (!IsFraction(e.ValidationAccuracy)) return $"epoch {e.Epoch}'s validation accuracy {e.ValidationAccuracy} is not in [0, 1]";
            if (!IsNonNegative(e.Seconds) || !IsNonNegative(e.TrainingSeconds)) return $"epoch {e.Epoch}'s time is not a duration";
            // A diverged training has a NaN or infinite loss: that is a real result, kept. A negative loss is not.
            if (e.TrainLoss < 0) return $"epoch {e.Epoch}'s loss {e.TrainLoss} is negative";
            if (e.NativeMemoryBytes < 0) return $"epoch {e.Epoch}'s memory is negative";
        }
        return null;
    }

    private static bool IsFraction(double x) => double.IsFinite(x) && x is >= 0 and <= 1;

    private static bool IsNonNegative(double x) => double.IsFinite(x) && x >= 0;
}
