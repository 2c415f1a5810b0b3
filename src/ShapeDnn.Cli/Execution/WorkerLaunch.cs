using ShapeDnn.DesignSpace;

namespace ShapeDnn.Cli.Execution;

/// <summary>
/// One worker to start: the arguments of a <c>shapednn train --channel</c> command line (this
/// executable's, wherever it runs) for one shape. The executor decides where it runs and adds what
/// the placement needs (e.g. <c>CUDA_VISIBLE_DEVICES</c>); the worker's channel is the executor's.
/// </summary>
/// <param name="Plan">The shape the worker trains (executors may place by its size).</param>
/// <param name="Arguments">The worker's arguments, starting with <c>train</c>; files it names were written under the executor's <see cref="ITrainingExecutor.CreateScratchFolder"/>.</param>
internal sealed record WorkerLaunch(NetworkPlan Plan, IReadOnlyList<string> Arguments)
{
    /// <summary>Environment variables the worker needs besides the executor's own (none today).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The shape's name, for messages.</summary>
    public string Name => Plan.Shape.Name;
}

/// <summary>How a worker ended.</summary>
/// <param name="ExitCode">The worker's exit code (0 = a result was reported; see <c>TrainCommand</c> for the others).</param>
/// <param name="Diagnostics">What it wrote for people (its stderr), for error messages.</param>
internal sealed record WorkerExit(int ExitCode, string Diagnostics);
