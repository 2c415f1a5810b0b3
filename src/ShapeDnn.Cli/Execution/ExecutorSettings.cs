using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Execution.Slurm;
using ShapeDnn.Execution;

namespace ShapeDnn.Cli.Execution;

/// <summary>Where the search's trainings run: <c>--executor</c> (<c>ShapeDnnExecutor</c>) and, for the local one, <c>--gpus</c> (<c>ShapeDnnGpus</c>).</summary>
/// <param name="Executor">The executor's name: <c>local</c> (the default) or <c>slurm</c>.</param>
/// <param name="Gpus">The GPUs local workers spread over; null = the one device training uses (no placement).</param>
internal sealed record ExecutorSettings(string Executor, GpuSelection? Gpus = null)
{
    /// <summary>Trainings as tasks of Slurm job arrays (docs/slurm.md).</summary>
    public const string Slurm = "slurm";

    /// <summary>The <c>--slurm-*</c> options (used with <see cref="Slurm"/>).</summary>
    public SlurmSettings SlurmSettings { get; init; } = SlurmSettings.Defaults;

    /// <summary>The default executor: worker processes on this machine.</summary>
    public const string Local = "local";

    public static readonly OptionSpec[] Options =
    [
        CliOptions.Executor,
        CliOptions.Gpus, .. SlurmSettings.Options,
    ];

    /// <exception cref="Diagnostics.ShapeDnnException">SDNN009 for a malformed --gpus or --slurm-* option.</exception>
    public static ExecutorSettings From(CommandLine line) => new(
        (line.Value(CliOptions.Executor) ?? Local).Trim().ToLowerInvariant(),
        line.Value(CliOptions.Gpus) is { } gpus ? GpuSelection.Parse(gpus) : null) { SlurmSettings = SlurmSettings.From(line) };
}
