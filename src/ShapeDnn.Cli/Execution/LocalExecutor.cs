using ShapeDnn.Cli.Training;
using ShapeDnn.Execution;

namespace ShapeDnn.Cli.Execution;

/// <summary>
/// <c>--executor local</c> (the default): each training is a <c>shapednn train --channel</c> child
/// process on this machine, its channel a pair of pipes (docs/workers.md); its scratch files live in
/// the temp folder. Without <c>--gpus</c> every launch of a batch starts at once, on the device
/// training uses; with it (<see cref="OnGpus"/>) each worker waits for a slot on one GPU.
/// </summary>
internal sealed class LocalExecutor : ITrainingExecutor
{
    private readonly Func<WorkerLaunch, CancellationToken, WorkerPlacement> _place;
    private readonly Action<string>? _log;

    /// <param name="log">Detail lines (where a worker runs).</param>
    public LocalExecutor(Action<string>? log)
        : this((_, _) => WorkerPlacement.Anywhere(), "one worker process per shape", null, log)
    {
    }

    /// <param name="place">Finds (waiting if need be) the slot a launch runs in.</param>
    /// <param name="placement">Where the workers run, for the report.</param>
    /// <param name="defaultParallel">Shapes at a time when the user does not say.</param>
    /// <param name="log">Detail lines.</param>
    public LocalExecutor(Func<WorkerLaunch, CancellationToken, WorkerPlacement> place, string placement, int? defaultParallel, Action<string>? log)
    {
        _place = place;
        Placement = placement;
        DefaultParallel = defaultParallel;
        _log = log;
        // Folders of searches killed before they could clean up (their workers died with them).
        WorkerScratchFolder.RemoveStale();
    }

    /// <summary>
    /// Spreads the workers over <paramref name="slots"/>' GPUs, one GPU per worker (<c>CUDA_VISIBLE_DEVICES</c>),
    /// as many per GPU as measured for the shape's class (<paramref name="probe"/>).
    /// </summary>
    /// <param name="slots">The GPUs and their slots.</param>
    /// <param name="probe">Measures the workers per GPU of a class not measured yet.</param>
    /// <param name="defaultParallel">Shapes at a time when the user does not say.</param>
    /// <param name="log">Detail lines (which GPU each worker runs on, the measurements).</param>
    public static LocalExecutor OnGpus(GpuSlots slots, GpuWorkerProbe probe, int defaultParallel, Action<string>? log)
    {
        var inherited = Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES");
        WorkerPlacement Place(WorkerLaunch launch, CancellationToken cancellationToken)
        {
            var slot = slots.Acquire(launch.Plan, (gpu, token) => probe.Measure(gpu, launch, token), cancellationToken);
            var visible = new Dictionary<string, string> { ["CUDA_VISIBLE_DEVICES"] = GpuSelection.VisibleDevicesFor(slot.Gpu.Id, inherited) };
            return new WorkerPlacement(visible, $"GPU {slot.Gpu.Id}", slot.Dispose);
        }
        var ids = string.Join(",", slots.Gpus.Select(g => g.Id));
        return new LocalExecutor(Place, $"one worker process per shape on GPU {ids}, workers per GPU as measured", defaultParallel, log);
    }

    public string Name => "local";

    public string Placement { get; }

    public int? DefaultParallel { get; }

    public string CreateScratchFolder() => WorkerScratchFolder.Create();

    public IReadOnlyList<IWorkerSession> Start(IReadOnlyList<WorkerLaunch> batch, CancellationToken cancellationToken) =>
        batch.Select(launch => (IWorkerSession)new LocalWorkerSession(launch, _place, _log, cancellationToken)).ToList();
}
