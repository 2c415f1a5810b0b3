namespace ShapeDnn.Cli.Execution.Slurm;

/// <summary>
/// Why an attempt that reported no result ended, and whether to submit it again: a task ended from
/// outside the worker (pre-empted, cancelled by someone else, its node failed, the worker killed by a
/// signal) is resubmitted, a bounded number of times; one that the worker itself ended (an error, its
/// time limit, its memory limit) would end the same way again and is reported.
/// </summary>
internal static class TaskEnding
{
    /// <summary>Whether the attempt was ended from outside the worker, so that another attempt may succeed.</summary>
    /// <param name="state">The attempt's last state.</param>
    /// <param name="exitCode">Its exit code (128 + N for signal N), or null when unknown.</param>
    public static bool FromOutside(SlurmTaskState state, int? exitCode) => state.State switch
    {
        "PREEMPTED" or "NODE_FAIL" or "BOOT_FAIL" or "CANCELLED" => true,
        // The worker's own exit on SIGTERM (130), or a signal that killed it (128 + N): someone ended it.
        "FAILED" => exitCode is null or >= 128,
        _ => false,
    };

    /// <summary>What to tell the user about an attempt the worker ended itself.</summary>
    public static string Advice(SlurmTaskState state) => state.State switch
    {
        "TIMEOUT" => "it ran into its time limit: give a longer --slurm-time (ShapeDnnSlurmTime) or a smaller budget",
        "OUT_OF_MEMORY" => "it ran out of memory: ask for more with --slurm-sbatch-args \"--mem=…\" (ShapeDnnSlurmSbatchArgs)",
        _ => "its output follows",
    };
}
