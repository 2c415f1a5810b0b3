using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Tensors;

namespace ShapeDnn.Training;

/// <summary>Trains one network shape. Implemented at the edge (TorchSharp); the search depends only on this.</summary>
public interface IShapeTrainer
{
    /// <summary>Human-readable name of the compute device in use, e.g. <c>cpu (2 threads)</c>.</summary>
    string DeviceDescription { get; }

    /// <summary>
    /// The arithmetic the trainer computes in, e.g. <c>fp32</c> or <c>bf16</c>: part of the trained-shape
    /// cache key, because the same recipe in another precision gives other weights and accuracies.
    /// The device is not: fp32 on a CPU and fp32 on a GPU are the same training.
    /// </summary>
    string Arithmetic { get; }

    /// <summary>
    /// Trains <paramref name="plan"/> on <paramref name="data"/> following <paramref name="recipe"/>, steered by
    /// <paramref name="control"/>: progress, a decision after every epoch, and resuming a run stopped earlier.
    /// </summary>
    /// <returns>The result; <see cref="TrainingResult.Checkpoint"/> is set when <see cref="TrainingControl.EpochCompleted"/> stopped the run before the recipe's last epoch.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; nothing is returned.</exception>
    /// <exception cref="ArgumentException"><see cref="TrainingControl.ResumeFrom"/> belongs to another shape, recipe or arithmetic.</exception>
    TrainingResult Train(NetworkPlan plan, TrainingData data, TrainingRecipe recipe, TrainingControl control, CancellationToken cancellationToken);

    /// <summary>
    /// Trains the shapes of one batch the search proposed, all at once: a trainer that places trainings
    /// elsewhere (worker processes, a cluster) gets the whole batch, so that it can start it as one. The
    /// default trains each on a thread of its own (one on the calling thread).
    /// </summary>
    /// <param name="jobs">The trainings.</param>
    /// <param name="data">The data, the same for all.</param>
    /// <param name="recipe">The recipe, the same for all.</param>
    /// <param name="ended">Called with a job's index and outcome as soon as that job ends (on the thread that served it), so that a finished training is reported while the others still run.</param>
    /// <param name="cancellationToken">Ends every training of the batch.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="AggregateException">Some trainings failed otherwise than as not trainable; the others ran to their end.</exception>
    void TrainBatch(IReadOnlyList<TrainingJob> jobs, TrainingData data, TrainingRecipe recipe, Action<int, TrainingOutcome> ended, CancellationToken cancellationToken)
    {
        void TrainOne(int i) => ended(i, TrainingOutcome.Of(() => Train(jobs[i].Plan, data, recipe, jobs[i].Control, cancellationToken)));
        if (jobs.Count == 1)
        {
            TrainOne(0);
            return;
        }
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs.Count), CancellationToken = cancellationToken }, TrainOne);
    }
}

/// <summary>Shorthands for callers that only want progress.</summary>
public static class ShapeTrainerExtensions
{
    /// <summary>Trains all epochs of <paramref name="recipe"/>, reporting to <paramref name="progress"/>.</summary>
    public static TrainingResult Train(this IShapeTrainer trainer, NetworkPlan plan, TrainingData data, TrainingRecipe recipe,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        trainer.Train(plan, data, recipe, new TrainingControl { Progress = progress }, cancellationToken);
}

/// <summary>The data one training run sees; already split and subset.</summary>
/// <param name="Train">Images trained on.</param>
/// <param name="Validation">Held-out training images: the accuracy the search uses.</param>
/// <param name="Test">Test images: reported only, never used for decisions.</param>
/// <param name="Normalization">Per-channel statistics of <paramref name="Train"/>.</param>
public sealed record TrainingData(ImageDataset Train, ImageDataset Validation, ImageDataset Test, ChannelNormalization Normalization);

/// <summary>Progress of one training run, reported after every batch or at least every second.</summary>
/// <param name="Epoch">Current epoch, 1-based.</param>
/// <param name="Epochs">Total epochs.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">Running mean training loss of this epoch.</param>
/// <param name="Elapsed">Time since training started.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, TimeSpan Elapsed)
{
    /// <summary>Fraction of the run done, 0 … 1.</summary>
    public double Fraction => ((Epoch - 1) + (double)Batch / Math.Max(1, Batches)) / Math.Max(1, Epochs);

    /// <summary>Estimated time left, by linear extrapolation.</summary>
    public TimeSpan Remaining => Fraction <= 0 ? TimeSpan.Zero : Elapsed * ((1 - Fraction) / Fraction);
}

/// <summary>Statistics of one epoch.</summary>
/// <param name="Epoch">Epoch number, 1-based.</param>
/// <param name="TrainLoss">Mean training loss.</param>
/// <param name="ValidationAccuracy">Validation accuracy after the epoch, 0 … 1.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch (training and validation).</param>
/// <param name="NativeMemoryBytes">Resident memory of the process at the end of the epoch (bytes).</param>
public sealed record EpochStatistics(int Epoch, double TrainLoss, double ValidationAccuracy, double Seconds, long NativeMemoryBytes)
{
    /// <summary>Seconds of training steps alone (no validation), synchronised with the device; 0 = not recorded.</summary>
    public double TrainingSeconds { get; init; }
}

/// <summary>The outcome of training one shape.</summary>
/// <param name="ValidationAccuracy">Validation accuracy after the last epoch run, 0 … 1.</param>
/// <param name="TestAccuracy">Final test accuracy, 0 … 1 (reported only); NaN for a stopped run (<see cref="Checkpoint"/> set) or an empty test set.</param>
/// <param name="Epochs">Per-epoch statistics of the epochs done, those restored from <see cref="TrainingControl.ResumeFrom"/> first.</param>
/// <param name="TrainingSeconds">Wall-clock seconds of this call only: a resumed run counts the epochs it added, not the restored ones.</param>
/// <param name="ImagesPerSecond">Training throughput of this call (images per second, training steps only).</param>
/// <param name="Weights">Current weights and batch-norm statistics, named as in <see cref="NetworkPlan"/>.</param>
public sealed record TrainingResult(
    double ValidationAccuracy,
    double TestAccuracy,
    IReadOnlyList<EpochStatistics> Epochs,
    double TrainingSeconds,
    double ImagesPerSecond,
    IReadOnlyList<NamedTensor> Weights)
{
    /// <summary>The batch size the run used: the recipe's, or smaller after running out of device memory (then the learning rate was scaled linearly); 0 = unknown.</summary>
    public int BatchSize { get; init; }

    /// <summary>Anything the report should say about how the run deviated from the recipe (null: it did not).</summary>
    public string? Note { get; init; }

    /// <summary>
    /// Set exactly when the run stopped before the recipe's last epoch: pass it as
    /// <see cref="TrainingControl.ResumeFrom"/> to train on to the full recipe without starting over.
    /// </summary>
    public TrainingCheckpoint? Checkpoint { get; init; }
}
