namespace ShapeDnn.Diagnostics;

/// <summary>
/// The stable diagnostic codes of ShapeDnn. Each failure a user can cause has its own code so that
/// MSBuild, CI logs and documentation can refer to it; codes are never renumbered.
/// </summary>
public enum ErrorCode
{
    /// <summary>A constraint entry is not of the form <c>Key=Value</c>.</summary>
    ConstraintSyntax = 1,
    /// <summary>A constraint key is not one of the known keys.</summary>
    UnknownConstraint = 2,
    /// <summary>A constraint value is not a number.</summary>
    BadNumber = 3,
    /// <summary>A constraint value has a missing or wrong unit.</summary>
    BadUnit = 4,
    /// <summary>Limits contradict each other or are out of range (a key given twice, accuracy above 100 %, a limit of zero).</summary>
    ContradictoryConstraints = 5,
    /// <summary>No optimization goal was given.</summary>
    MissingGoal = 6,
    /// <summary>The optimization goal is not one of the known goals.</summary>
    UnknownGoal = 7,
    /// <summary>The design-space text is malformed.</summary>
    BadDesignSpace = 8,
    /// <summary>A command-line option or MSBuild property has an invalid value.</summary>
    BadOption = 9,
    /// <summary>The dataset folder or one of its files does not exist.</summary>
    DatasetMissing = 10,
    /// <summary>A dataset file exists but is malformed (magic number, counts, truncation).</summary>
    DatasetMalformed = 11,
    /// <summary>The output folder cannot be created or written.</summary>
    OutputNotWritable = 12,
    /// <summary>No shape satisfies the size, latency and energy limits.</summary>
    Infeasible = 13,
    /// <summary>No trained shape reached the accuracy limit within the budget.</summary>
    AccuracyNotReached = 14,
    /// <summary>The native training library (TorchSharp/libtorch) could not be loaded.</summary>
    NativeLibrary = 15,
    /// <summary>A cache entry was corrupt and has been discarded (warning).</summary>
    CorruptCacheEntry = 16,
    /// <summary>The run was cancelled (Ctrl+C, SIGTERM).</summary>
    Cancelled = 17,
    /// <summary>An energy limit or goal rests on an estimate and the user forbade estimates; or an estimate is in use (warning).</summary>
    EnergyEstimate = 18,
    /// <summary>The requested compute device is not available.</summary>
    DeviceUnavailable = 19,
    /// <summary>The cache folder cannot be created or written.</summary>
    CacheNotWritable = 20,
    /// <summary>No proposed shape could be trained (each was skipped, e.g. out of GPU memory at the smallest batch).</summary>
    NothingTrainable = 21,
    /// <summary>The dataset cannot give a count the budget asks for (subset, validation or test images); what is used instead is said (warning).</summary>
    BudgetAdjusted = 22,
    /// <summary>The class labels cannot be read, or their number differs from the dataset's class count.</summary>
    ClassLabels = 23,
    /// <summary>A project that generates a model does not reference ShapeDnn.Runtime (or references it privately, out of publish).</summary>
    RuntimePackageMissing = 24,
    /// <summary>A report file given to <c>shapednn report</c> is missing or is not a search report.</summary>
    ReportUnreadable = 25,
    /// <summary>A ground-truth file for <c>shapednn replay</c> is missing, malformed (line and field named) or does not cover the space.</summary>
    BadGroundTruth = 26,
    /// <summary>The search's time budget ran out before any shape that meets the limits was trained to the end.</summary>
    TimeBudgetSpent = 27,
    /// <summary><c>--executor slurm</c>: Slurm's commands are missing or fail, or <c>sbatch</c> refused the job (an unknown partition, account or QOS).</summary>
    SlurmUnavailable = 28,
    /// <summary><c>--executor slurm</c>: tasks still waited in the queue after the pending time-out (their ids are named); they are cancelled.</summary>
    SlurmJobNotStarted = 29,
    /// <summary><c>--executor slurm</c>: a task failed on its node (the task's own error is quoted), or ended without a result more often than resubmissions allow.</summary>
    SlurmTaskFailed = 30,
    /// <summary><c>--executor slurm</c>: the cache or dataset folder is not visible from the nodes (found by a probe task before any training is submitted).</summary>
    SlurmFolderNotShared = 31,
    /// <summary>An unexpected internal failure; a bug in ShapeDnn.</summary>
    Internal = 99,
}

/// <summary>Formatting helpers for <see cref="ErrorCode"/>.</summary>
public static class ErrorCodeExtensions
{
    /// <summary>The code as users see it, for example <c>SDNN004</c>.</summary>
    public static string ToCodeString(this ErrorCode code) => $"SDNN{(int)code:D3}";
}
