namespace ShapeDnn.Training;

/// <summary>What the caller decides after an epoch.</summary>
public enum EpochDecision
{
    /// <summary>Train the next epoch.</summary>
    Continue,

    /// <summary>End the run after this epoch and return a result with a <see cref="TrainingResult.Checkpoint"/>.</summary>
    Stop,
}

/// <summary>How the caller steers one training run.</summary>
public sealed record TrainingControl
{
    /// <summary>Receives progress on the training thread (after every batch or at least every progress interval).</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>
    /// Called after every epoch (validation accuracy of that epoch included), on the training thread;
    /// <see cref="EpochDecision.Stop"/> ends the run after that epoch. Null = run all epochs. Not called
    /// for epochs restored from <see cref="ResumeFrom"/>.
    /// </summary>
    public Func<EpochStatistics, EpochDecision>? EpochCompleted { get; init; }

    /// <summary>
    /// Continue a run stopped earlier, under the same recipe: training resumes at epoch
    /// <c>ResumeFrom.EpochsDone + 1</c> with the learning-rate schedule of the full recipe, and the result
    /// equals an uninterrupted run (bit-identical on the CPU).
    /// </summary>
    public TrainingCheckpoint? ResumeFrom { get; init; }
}

/// <summary>A stopped run's state: <paramref name="EpochsDone"/> epochs, their statistics, and an opaque trainer-specific blob.</summary>
/// <param name="EpochsDone">Epochs trained, 1-based count.</param>
/// <param name="Epochs">Their statistics, in order.</param>
/// <param name="State">What the trainer needs to go on (weights, optimiser and random state, identity of the run); only the trainer that wrote it reads it.</param>
public sealed record TrainingCheckpoint(int EpochsDone, IReadOnlyList<EpochStatistics> Epochs, byte[] State);
