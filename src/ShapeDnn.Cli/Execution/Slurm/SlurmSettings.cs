using System.Globalization;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Cli.Execution.Slurm;

/// <summary>
/// How trainings are submitted to Slurm (<c>--executor slurm</c>): the <c>--slurm-*</c> options, or the
/// <c>ShapeDnnSlurm*</c> MSBuild properties that the build passes as those options (docs/slurm.md).
/// </summary>
/// <param name="Partition"><c>--partition</c>, or null for the cluster's default.</param>
/// <param name="Account"><c>--account</c>, or null.</param>
/// <param name="Qos"><c>--qos</c>, or null.</param>
/// <param name="TimeLimit"><c>--time</c> per task in Slurm's syntax (<c>30</c>, <c>1:00:00</c>, <c>1-0</c>), or null for the partition's default.</param>
/// <param name="GpusPerTask"><c>--gpus-per-task</c>; 0 = none asked for (CPU nodes).</param>
/// <param name="CpusPerTask"><c>--cpus-per-task</c>, or null for Slurm's default.</param>
/// <param name="ExtraArguments">More <c>sbatch</c> arguments, as given (split on spaces; e.g. <c>--constraint=a100 --mem=32G</c>).</param>
/// <param name="SetupScript">A script sourced on the node before the worker starts (modules, environment), or null.</param>
/// <param name="MaxResubmits">How often one task that failed or was pre-empted without a result is submitted again.</param>
/// <param name="PendingTimeout">How long a task may wait in the queue before the search gives up, naming it.</param>
/// <param name="Worker">The <c>shapednn</c> executable (or <c>shapednn.dll</c>) on the nodes, or null for this one at the same path.</param>
internal sealed record SlurmSettings(
    string? Partition, string? Account, string? Qos, string? TimeLimit, int GpusPerTask, int? CpusPerTask,
    IReadOnlyList<string> ExtraArguments, string? SetupScript, int MaxResubmits, TimeSpan PendingTimeout, string? Worker = null)
{
    /// <summary>Resubmissions per task when <c>--slurm-max-resubmits</c> is not given.</summary>
    public const int DefaultMaxResubmits = 2;

    /// <summary>Queue wait allowed when <c>--slurm-pending-timeout</c> is not given.</summary>
    public static readonly TimeSpan DefaultPendingTimeout = TimeSpan.FromHours(1);

    /// <summary>Every option at its default.</summary>
    public static readonly SlurmSettings Defaults = new(null, null, null, null, 0, null, [], null, DefaultMaxResubmits, DefaultPendingTimeout);

    public static readonly OptionSpec[] Options =
    [
        CliOptions.SlurmPartition, CliOptions.SlurmAccount, CliOptions.SlurmQos, CliOptions.SlurmTime, CliOptions.SlurmGpusPerTask,
        CliOptions.SlurmCpusPerTask, CliOptions.SlurmSbatchArgs, CliOptions.SlurmSetup, CliOptions.SlurmMaxResubmits, CliOptions.SlurmPendingTimeout,
        CliOptions.SlurmWorker,
    ];

    /// <summary>The settings of a command line (every value checked: Slurm sees only well-formed words).</summary>
    public static SlurmSettings From(CommandLine line)
    {
        string? Word(OptionSpec option)
        {
            var value = line.Value(option);
            if (value is null) return null;
            if (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                throw CommandLine.Error($"{option.Name} '{value}' must be one word");
            return value;
        }
        var extra = line.Value(CliOptions.SlurmSbatchArgs) is { } text ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        foreach (var argument in extra)
            if (!argument.StartsWith('-') || argument.Any(char.IsControl))
                throw CommandLine.Error($"--slurm-sbatch-args: '{argument}' is not an sbatch option (each must start with '-', e.g. --mem=16G)");
        return new SlurmSettings(
            Word(CliOptions.SlurmPartition), Word(CliOptions.SlurmAccount), Word(CliOptions.SlurmQos), Word(CliOptions.SlurmTime),
            line.Int(CliOptions.SlurmGpusPerTask, 0), line.Value(CliOptions.SlurmCpusPerTask) is null ? null : line.Int(CliOptions.SlurmCpusPerTask, 1),
            extra, line.Value(CliOptions.SlurmSetup) is { } setup ? Path.GetFullPath(setup) : null,
            line.Int(CliOptions.SlurmMaxResubmits, DefaultMaxResubmits),
            line.Value(CliOptions.SlurmPendingTimeout) is null ? DefaultPendingTimeout : TimeSpan.FromSeconds(line.Int(CliOptions.SlurmPendingTimeout, 1)),
            Word(CliOptions.SlurmWorker));
    }

    /// <summary>
    /// The worker command on the nodes: <see cref="Worker"/> (a <c>.dll</c> runs under <c>dotnet</c>), else this
    /// executable at the same path (the apphost, or <c>dotnet shapednn.dll</c>): the bundle must be on a shared file system.
    /// </summary>
    public IReadOnlyList<string> WorkerCommand(string processPath, string assemblyPath)
    {
        if (Worker is { } worker)
            return worker.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ["dotnet", worker] : [worker];
        return Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? [processPath, assemblyPath] : [processPath];
    }

    /// <summary>The <c>sbatch</c> options these settings ask for (the array and output options are the script's).</summary>
    public IEnumerable<string> SbatchOptions()
    {
        if (Partition is not null) yield return $"--partition={Partition}";
        if (Account is not null) yield return $"--account={Account}";
        if (Qos is not null) yield return $"--qos={Qos}";
        if (TimeLimit is not null) yield return $"--time={TimeLimit}";
        if (GpusPerTask > 0) yield return $"--gpus-per-task={GpusPerTask.ToString(CultureInfo.InvariantCulture)}";
        if (CpusPerTask is { } cpus) yield return $"--cpus-per-task={cpus.ToString(CultureInfo.InvariantCulture)}";
        foreach (var a in ExtraArguments) yield return a;
    }
}
