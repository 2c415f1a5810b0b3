using System.Text;

namespace ShapeDnn.Cli.Execution.Slurm;

/// <summary>
/// The batch script of one job array: every task reads its own worker arguments from
/// <c>RUN/task-N/arguments</c> (one per line, N = <c>SLURM_ARRAY_TASK_ID</c>), so one script serves
/// the whole array and any resubmission of some of its tasks (<c>sbatch --array=3,5</c> of the same
/// script). Each submission's tasks talk through their own folder, <c>task-N/attempt-ARRAYJOB</c>,
/// so that a resubmitted task never mixes its events with those of the attempt that died.
/// </summary>
internal static class ArrayScript
{
    /// <summary>Exit code of a task that cannot create its channel folder (the run folder is not shared).</summary>
    public const int NoChannelFolderExit = 90;

    /// <summary>Exit code of a task whose node set-up script failed.</summary>
    public const int SetupFailedExit = 91;

    /// <summary>Exit code of a task that cannot read its arguments file (the run folder is not shared).</summary>
    public const int NoArgumentsExit = 92;

    /// <summary>The file in an attempt's channel folder with the time its task started on the node (seconds since 1970, as <c>date +%s.%N</c>).</summary>
    public const string StartedFile = "started";

    /// <summary>The folder of task <paramref name="index"/> in the run folder.</summary>
    public static string TaskFolder(string runFolder, int index) => Path.Combine(runFolder, $"task-{index}");

    /// <summary>The channel folder of one attempt (one submission) of a task.</summary>
    public static string AttemptFolder(string runFolder, int index, string arrayJobId) => Path.Combine(TaskFolder(runFolder, index), $"attempt-{arrayJobId}");

    /// <summary>The file with the task's worker arguments, one per line.</summary>
    public static string ArgumentsFile(string runFolder, int index) => Path.Combine(TaskFolder(runFolder, index), "arguments");

    /// <summary>Slurm's output file (stdout and stderr of the task) for one attempt.</summary>
    public static string OutputFile(string runFolder, int index, string arrayJobId) => Path.Combine(TaskFolder(runFolder, index), $"slurm-{arrayJobId}.out");

    /// <summary>The script text.</summary>
    /// <param name="runFolder">The run's folder on the shared file system.</param>
    /// <param name="jobName">The job name (<c>squeue</c> shows it).</param>
    /// <param name="settings">Partition, account, resources…: written as <c>#SBATCH</c> lines.</param>
    /// <param name="worker">The worker command on the nodes: the executable, and a dll when it is <c>dotnet</c>.</param>
    public static string Generate(string runFolder, string jobName, SlurmSettings settings, IReadOnlyList<string> worker)
    {
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append($"#SBATCH --job-name={jobName}\n");
        // %a/%A: one output file per task and submission, beside the task's arguments.
        text.Append($"#SBATCH --output={Path.Combine(runFolder, "task-%a", "slurm-%A.out")}\n");
        text.Append("#SBATCH --open-mode=append\n");
        foreach (var option in settings.SbatchOptions()) text.Append($"#SBATCH {option}\n");
        text.Append("set -u\n");
        text.Append($"run={Quote(runFolder)}\n");
        text.Append("task=\"$run/task-$SLURM_ARRAY_TASK_ID\"\n");
        text.Append("channel=\"$task/attempt-$SLURM_ARRAY_JOB_ID\"\n");
        text.Append($"mkdir -p \"$channel\" || {{ echo \"shapednn: cannot create $channel on $(hostname)\" >&2; exit {NoChannelFolderExit}; }}\n");
        // When the task started (seconds since the epoch), for the overhead figures of --verbose (benchmarks/slurm-overhead.sh).
        text.Append($"date -u +%s.%N > \"$channel/{StartedFile}\"\n");
        text.Append("echo \"shapednn: task $SLURM_ARRAY_JOB_ID\"_\"$SLURM_ARRAY_TASK_ID on $(hostname), started $(date -u +%FT%TZ)\" >&2\n");
        if (settings.SetupScript is { } setup)
        {
            text.Append($"source {Quote(setup)} || {{ echo \"shapednn: the node set-up script {Escape(setup)} failed (exit $?)\" >&2; exit {SetupFailedExit}; }}\n");
        }
        text.Append($"mapfile -t arguments < \"$task/arguments\" || {{ echo \"shapednn: cannot read $task/arguments on $(hostname)\" >&2; exit {NoArgumentsExit}; }}\n");
        // exec: the worker is the job step itself, so scancel's SIGTERM reaches it and it stops cleanly.
        text.Append("exec ").Append(string.Join(' ', worker.Select(Quote))).Append(" \"${arguments[@]}\" --channel-folder \"$channel\"\n");
        return text.ToString();
    }

    /// <summary>A word in single quotes for bash.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("$", "\\$").Replace("`", "\\`");
}
