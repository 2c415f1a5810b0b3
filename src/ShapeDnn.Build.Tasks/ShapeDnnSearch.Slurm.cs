namespace ShapeDnn.Build.Tasks;

/// <summary>
/// The <c>ShapeDnnSlurm*</c> properties (docs/slurm.md; with <c>ShapeDnnExecutor=slurm</c>): build-wide,
/// passed to every model's search as the <c>--slurm-*</c> options, which check them. They decide where
/// trainings run, not what they compute, so they are not part of a model's fingerprint.
/// </summary>
public sealed partial class ShapeDnnSearch
{

    /// <summary><c>ShapeDnnSlurmPartition</c>.</summary>
    public string? SlurmPartition { get; set; }
    /// <summary><c>ShapeDnnSlurmAccount</c>.</summary>
    public string? SlurmAccount { get; set; }
    /// <summary><c>ShapeDnnSlurmQos</c>.</summary>
    public string? SlurmQos { get; set; }
    /// <summary><c>ShapeDnnSlurmTime</c>.</summary>
    public string? SlurmTime { get; set; }
    /// <summary><c>ShapeDnnSlurmGpusPerTask</c>.</summary>
    public string? SlurmGpusPerTask { get; set; }
    /// <summary><c>ShapeDnnSlurmCpusPerTask</c>.</summary>
    public string? SlurmCpusPerTask { get; set; }
    /// <summary><c>ShapeDnnSlurmSbatchArgs</c>.</summary>
    public string? SlurmSbatchArgs { get; set; }
    /// <summary><c>ShapeDnnSlurmSetup</c>, relative to the project.</summary>
    public string? SlurmSetup { get; set; }
    /// <summary><c>ShapeDnnSlurmWorker</c>.</summary>
    public string? SlurmWorker { get; set; }
    /// <summary><c>ShapeDnnSlurmMaxResubmits</c>.</summary>
    public string? SlurmMaxResubmits { get; set; }
    /// <summary><c>ShapeDnnSlurmPendingTimeout</c>, in seconds.</summary>
    public string? SlurmPendingTimeout { get; set; }

    /// <summary>The <c>--slurm-*</c> options of the properties that are set.</summary>
    private IEnumerable<string> SlurmArguments()
    {
        var projectFolder = Path.GetDirectoryName(ProjectFile) ?? "";
        foreach (var (option, value) in new[]
                 {
                     ("--slurm-partition", SlurmPartition), ("--slurm-account", SlurmAccount), ("--slurm-qos", SlurmQos), ("--slurm-time", SlurmTime),
                     ("--slurm-gpus-per-task", SlurmGpusPerTask), ("--slurm-cpus-per-task", SlurmCpusPerTask), ("--slurm-sbatch-args", SlurmSbatchArgs),
                     ("--slurm-setup", string.IsNullOrWhiteSpace(SlurmSetup) ? null : Path.GetFullPath(Path.Combine(projectFolder, SlurmSetup.Trim()))),
                     ("--slurm-worker", SlurmWorker), ("--slurm-max-resubmits", SlurmMaxResubmits), ("--slurm-pending-timeout", SlurmPendingTimeout),
                 })
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            yield return option;
            yield return value.Trim();
        }
    }
}
