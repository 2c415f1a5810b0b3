using ShapeDnn.Cli.Arguments;
using ShapeDnn.Execution;

namespace ShapeDnn.Cli.Execution;

/// <summary>Where the search's trainings run: <c>--executor</c> (<c>ShapeDnnExecutor</c>) and, for the local one, <c>--gpus</c> (<c>ShapeDnnGpus</c>).</summary>
/// <param name="Executor">The executor's name: <c>local</c> (the default).</param>
/// <param name="Gpus">The GPUs local workers spread over; null = the one device training uses (no placement).</param>
internal sealed record ExecutorSettings(string Executor, GpuSelection? Gpus = null)
{
    /// <summary>The default executor: worker processes on this machine.</summary>
    public const string Local = "local";

    public static readonly OptionSpec[] Options =
    [
        CliOptions.Executor,
        CliOptions.Gpus,
    ];

    /// <exception cref="Diagnostics.ShapeDnnException">SDNN009 for a malformed --gpus.</exception>
    public static ExecutorSettings From(CommandLine line) => new(
        (line.Value(CliOptions.Executor) ?? Local).Trim().ToLowerInvariant(),
        line.Value(CliOptions.Gpus) is { } gpus ? GpuSelection.Parse(gpus) : null);
}
