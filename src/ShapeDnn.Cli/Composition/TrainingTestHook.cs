using ShapeDnn.DesignSpace;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Composition;

/// <summary>
/// TEST-ONLY: lets a fault test interrupt a run while it is surely training, after one shape has
/// finished, instead of racing a training that may end first on a fast or a loaded machine. Set
/// <c>SHAPEDNN_TEST_HOLD_TRAINING</c> to a folder: the second training this process starts writes
/// <c>training-held</c> (holding the process id) there and waits, as a long training would, until the run
/// is cancelled. Unset (always, outside tests) the trainer is used as it is. See docs/testing.md.
/// </summary>
internal sealed class TrainingTestHook(IShapeTrainer inner, string folder) : IShapeTrainer
{
    /// <summary>The variable naming the hook's folder.</summary>
    public const string Variable = "SHAPEDNN_TEST_HOLD_TRAINING";

    private int _started;

    /// <summary><paramref name="trainer"/>, held as described when the variable is set.</summary>
    public static IShapeTrainer Wrap(IShapeTrainer trainer) =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder ? new TrainingTestHook(trainer, folder) : trainer;

    /// <inheritdoc />
    public string DeviceDescription => inner.DeviceDescription;

    /// <inheritdoc />
    public string Arithmetic => inner.Arithmetic;

    /// <inheritdoc />
    public TrainingResult Train(NetworkPlan plan, TrainingData data, TrainingRecipe recipe, TrainingControl control, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _started) < 2) return inner.Train(plan, data, recipe, control, cancellationToken);
        // Atomically: the test reads the pid as soon as the file appears.
        ShapeDnn.Cache.AtomicFile.WriteAllText(Path.Combine(folder, "training-held"), $"{Environment.ProcessId}\n");
        cancellationToken.WaitHandle.WaitOne();
        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException("unreachable: the wait ends only on cancellation");
    }
}
