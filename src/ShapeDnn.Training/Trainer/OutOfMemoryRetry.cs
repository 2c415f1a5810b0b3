using System.Runtime.InteropServices;

namespace ShapeDnn.Training.Trainer;

/// <summary>
/// Trains a shape again with half the batch (and the learning rate scaled linearly, so the recipe's
/// lr/batch ratio holds) each time the device runs out of memory, down to a floor; below it the shape
/// is reported as not trainable instead of crashing the search.
/// </summary>
public static class OutOfMemoryRetry
{
    /// <summary>Runs <paramref name="attempt"/> with <paramref name="recipe"/>, then with smaller batches after each out-of-memory failure.</summary>
    /// <param name="recipe">The recipe as asked for.</param>
    /// <param name="minimumBatchSize">Smallest batch tried; a failure there skips the shape.</param>
    /// <param name="attempt">Trains once with the given recipe.</param>
    /// <param name="log">Told about every retry.</param>
    /// <returns>The result, with <see cref="TrainingResult.BatchSize"/> and, after a retry, a <see cref="TrainingResult.Note"/>.</returns>
    /// <exception cref="ShapeNotTrainableException">Out of memory even at <paramref name="minimumBatchSize"/>.</exception>
    public static TrainingResult Run(TrainingRecipe recipe, int minimumBatchSize, Func<TrainingRecipe, TrainingResult> attempt, Action<string>? log = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumBatchSize, 1);
        var current = recipe;
        var failures = new List<int>();
        while (true)
        {
            try
            {
                var result = attempt(current);
                return result with
                {
                    BatchSize = current.BatchSize,
                    Note = failures.Count == 0 ? result.Note
                        : $"out of device memory at batch {string.Join(", ", failures)}; trained with batch {current.BatchSize} and learning rate {current.LearningRate:G4} (scaled linearly)",
                };
            }
            catch (Exception ex) when (IsOutOfMemory(ex))
            {
                failures.Add(current.BatchSize);
                // Release what the failed attempt left to the finalizer, so the retry starts from a clean device.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                int next = current.BatchSize / 2;
                if (next < minimumBatchSize)
                    throw new ShapeNotTrainableException(
                        $"out of device memory at batch {string.Join(", ", failures)} (the smallest batch tried is {minimumBatchSize}): {FirstLine(ex.Message)}", ex);
                log?.Invoke($"out of device memory at batch {current.BatchSize}; retrying with batch {next}");
                current = current with { BatchSize = next, LearningRate = current.LearningRate * next / current.BatchSize };
            }
        }
    }

    /// <summary>Whether <paramref name="ex"/> is libtorch's out-of-memory error (TorchSharp surfaces it as an <see cref="ExternalException"/> carrying libtorch's message).</summary>
    public static bool IsOutOfMemory(Exception ex) =>
        ex is ExternalException or InvalidOperationException
        && (ex.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("CUBLAS_STATUS_ALLOC_FAILED", StringComparison.Ordinal)
            || ex.Message.Contains("CUDNN_STATUS_ALLOC_FAILED", StringComparison.Ordinal));

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
