using System.Globalization;
using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Progress;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Output;

/// <summary>The lines that stay on screen, the same in the live view and in plain output.</summary>
internal static class PlainLines
{
    /// <summary><c>  [1] WRN-10-1 epoch 2/4: 61.2 % validation accuracy</c>.</summary>
    public static string Epoch((int Round, int Epochs) training, Shape shape, EpochStatistics epoch) =>
        string.Create(CultureInfo.InvariantCulture,
            $"  [{training.Round}] {shape.Name} epoch {epoch.Epoch}{(training.Epochs > 0 ? $"/{training.Epochs}" : "")}: {ProgressText.Percent(epoch.ValidationAccuracy)} validation accuracy");

    /// <summary><c>  [1] WRN-10-1: validation accuracy 79.20 % in 12.3 s · 1 of 5 shapes proposed, …, at most 2 min 10 s left</c>.</summary>
    public static string Finished(int round, Shape shape, double validationAccuracy, bool fromCache, double seconds, SearchProgress? search) =>
        $"  [{round}] {shape.Name}: validation accuracy {Format.Percent(validationAccuracy)}" + (fromCache ? " (cached)" : $" in {Format.Seconds(seconds)}")
        + (search is { } s ? $" · {ProgressText.Overall(s)}" : "");
}
