namespace ShapeDnn.Cli.Execution;

/// <summary>
/// Decides where proposed trainings run, and nothing else (<c>--executor</c>, <c>ShapeDnnExecutor</c>):
/// the search proposes a batch of shapes, the engine hands the executor one <see cref="WorkerLaunch"/>
/// per shape to be trained, and gets back one <see cref="IWorkerSession"/> per launch: the worker's
/// two-way per-epoch channel (docs/workers.md) and its end. What the workers compute does not depend
/// on the executor: each worker stores its result in the shared trained-shape cache itself.
/// </summary>
internal interface ITrainingExecutor
{
    /// <summary>The executor's name as <c>--executor</c> spells it (<c>local</c>).</summary>
    string Name { get; }

    /// <summary>Where the workers run, for the device description of the report (e.g. <c>one worker process per shape</c>).</summary>
    string Placement { get; }

    /// <summary>Shapes this executor trains at a time when the user does not say (<c>--parallel</c>); null = the engine's default.</summary>
    int? DefaultParallel { get; }

    /// <summary>A fresh folder for one worker's input files (its recipe, a checkpoint to resume from), readable where the workers run; the caller deletes it after the worker.</summary>
    string CreateScratchFolder();

    /// <summary>
    /// Starts the workers of one batch, or queues those beyond what the executor runs at a time; the
    /// sessions come back at once, in the order of <paramref name="batch"/>. A queued worker's session
    /// simply has no events until it starts.
    /// </summary>
    /// <param name="batch">The launches, one per shape to train.</param>
    /// <param name="cancellationToken">Cancelling it ends every worker of the batch, started or queued.</param>
    IReadOnlyList<IWorkerSession> Start(IReadOnlyList<WorkerLaunch> batch, CancellationToken cancellationToken);
}
