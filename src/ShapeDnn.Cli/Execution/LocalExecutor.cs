using ShapeDnn.Cli.Training;

namespace ShapeDnn.Cli.Execution;

/// <summary>
/// <c>--executor local</c> (the default): each training is a <c>shapednn train --channel</c> child
/// process on this machine, its channel a pair of pipes (docs/workers.md). Every launch of a batch
/// starts at once; its scratch files live in the temp folder.
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

    public string Name => "local";

    public string Placement { get; }

    public int? DefaultParallel { get; }

    public string CreateScratchFolder() => WorkerScratchFolder.Create();

    public IReadOnlyList<IWorkerSession> Start(IReadOnlyList<WorkerLaunch> batch, CancellationToken cancellationToken) =>
        batch.Select(launch => (IWorkerSession)new LocalWorkerSession(launch, _place, _log, cancellationToken)).ToList();
}
