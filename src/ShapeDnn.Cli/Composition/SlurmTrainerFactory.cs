using ShapeDnn.Cli.Execution.Slurm;
using ShapeDnn.Cli.Training;
using ShapeDnn.Engine;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Composition;

/// <summary>
/// <c>--executor slurm</c>: the executor, and the trainer that keys the cache with what a node
/// reported (its device and arithmetic, from the probe task), not with what this machine has.
/// </summary>
internal static class SlurmTrainerFactory
{
    /// <summary>The executor; workers run this executable at the same path on the nodes unless <c>--slurm-worker</c> says otherwise.</summary>
    public static SlurmExecutor CreateExecutor(SlurmSettings settings, string cacheFolder, ISearchObserver observer)
    {
        var processPath = Environment.ProcessPath ?? throw new ShapeDnn.Diagnostics.ShapeDnnException(ShapeDnn.Diagnostics.ErrorCode.Internal, "The path of this executable is unknown; cannot start workers.");
        return new SlurmExecutor(settings, cacheFolder, settings.WorkerCommand(processPath, typeof(SlurmTrainerFactory).Assembly.Location), observer.Detail, observer.Warning);
    }

    /// <summary>Probes a node (shared folders, libtorch, device) and returns the trainer for its device and arithmetic; the workers get <paramref name="settings"/> as given.</summary>
    public static IShapeTrainer CreateTrainer(SlurmExecutor executor, TrainerSettings settings, string datasetFolder, string cacheFolder, ISearchObserver observer, CancellationToken cancellationToken)
    {
        try
        {
            var node = NodeProbe.Run(executor, settings, datasetFolder, cancellationToken);
            observer.Detail($"training on Slurm nodes: {node.Device} ({node.Arithmetic}, probed on {node.Host})");
            return new WorkerProcessTrainer(executor, datasetFolder, cacheFolder, settings, node.Device, node.Arithmetic, observer.Detail);
        }
        catch
        {
            executor.Dispose();
            throw;
        }
    }
}
