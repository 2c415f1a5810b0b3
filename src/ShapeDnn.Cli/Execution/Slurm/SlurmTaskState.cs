namespace ShapeDnn.Cli.Execution.Slurm;

/// <summary>Where one array task stands, as the scheduler reports it (sacct or squeue).</summary>
internal enum SlurmTaskPhase
{
    /// <summary>Queued (PENDING, REQUEUED, CONFIGURING, SUSPENDED…): not running yet.</summary>
    Waiting,
    /// <summary>RUNNING or COMPLETING.</summary>
    Running,
    /// <summary>COMPLETED: the batch script exited with 0.</summary>
    Completed,
    /// <summary>Ended without success: FAILED, CANCELLED, TIMEOUT, NODE_FAIL, PREEMPTED, OUT_OF_MEMORY, BOOT_FAIL, DEADLINE.</summary>
    Ended,
}

/// <summary>One array task's state: its id (<c>JOB_TASK</c>), the scheduler's state word, and its reason or exit code.</summary>
/// <param name="TaskId">The array task, e.g. <c>123_4</c>.</param>
/// <param name="State">The state word as Slurm prints it (<c>PENDING</c>, <c>CANCELLED</c>…), without "by UID".</param>
/// <param name="Detail">The pending reason or the exit code, as printed; may be empty.</param>
internal sealed record SlurmTaskState(string TaskId, string State, string Detail)
{
    /// <summary>The phase of <see cref="State"/>; an unknown word counts as waiting (Slurm adds states; a task only ends on a word we know).</summary>
    public SlurmTaskPhase Phase => State switch
    {
        "RUNNING" or "COMPLETING" or "STAGE_OUT" or "SIGNALING" => SlurmTaskPhase.Running,
        "COMPLETED" => SlurmTaskPhase.Completed,
        "FAILED" or "CANCELLED" or "TIMEOUT" or "NODE_FAIL" or "PREEMPTED" or "OUT_OF_MEMORY" or "BOOT_FAIL" or "DEADLINE" or "SPECIAL_EXIT" => SlurmTaskPhase.Ended,
        _ => SlurmTaskPhase.Waiting,
    };

    /// <summary>The task's state as one phrase for messages: <c>FAILED (1:0)</c>, <c>PENDING (Resources)</c>.</summary>
    public override string ToString() => Detail.Length == 0 || Detail is "None" or "(null)" ? $"{TaskId} {State}" : $"{TaskId} {State} ({Detail})";
}
