using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Training;

namespace ShapeDnn.Cache;

/// <summary>
/// The trained-shape cache key of a training: everything its result depends on. One place, because
/// the search and its worker processes must agree on it (a worker stores its own result, and the
/// search finds it there).
/// </summary>
public static class TrainedShapeKey
{
    /// <summary>The key of training <paramref name="shape"/> on input <paramref name="input"/> of the dataset with content hash <paramref name="datasetHash"/>.</summary>
    /// <param name="datasetHash">The dataset's content hash (<see cref="Data.LoadedDataset.ContentHash"/>).</param>
    /// <param name="recipe">The recipe as asked for (not the batch an out-of-memory retry fell back to).</param>
    /// <param name="shape">The shape.</param>
    /// <param name="input">The network input.</param>
    /// <param name="arithmetic">The trainer's <see cref="IShapeTrainer.Arithmetic"/>.</param>
    public static string For(string datasetHash, TrainingRecipe recipe, Shape shape, InputShape input, string arithmetic) => ContentKey.Compute(
        "kind=trained-shape/2",
        $"tool={SearchEngine.ToolVersion}",
        $"dataset={datasetHash}",
        $"recipe={recipe}",
        $"arithmetic={arithmetic}",
        $"shape={shape.Key}",
        $"input={input}");
}
