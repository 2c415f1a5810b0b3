using System.Collections.Concurrent;
using ShapeDnn.Cache;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Search;
using ShapeDnn.Tensors;
using ShapeDnn.Training;

namespace ShapeDnn.Engine;

/// <summary>One shape's training as the search used it: its metrics, its weights when trained in this run, and whether it came from the cache.</summary>
/// <param name="Metrics">Accuracies, epochs, time, device (of the cache entry: a partial entry for a run stopped early).</param>
/// <param name="Weights">The trained weights; null when the metrics came from the cache (the weights are read from it only if the shape is chosen).</param>
/// <param name="FromCache">Whether nothing was trained for it in this run.</param>
internal sealed record ShapeRun(CachedTraining Metrics, IReadOnlyList<NamedTensor>? Weights, bool FromCache)
{
    /// <summary>The validation curve the search saw (a cached entry is revealed only as far as the stop rule lets it).</summary>
    public IReadOnlyList<double> Curve { get; init; } = Metrics.Epochs.Select(e => e.ValidationAccuracy).ToArray();

    /// <summary>Whether the run reached the recipe's last epoch.</summary>
    public bool Completed { get; init; } = true;

    /// <summary>Why the search stopped it early; null when complete.</summary>
    public string? StoppedBecause { get; init; }
}

/// <summary>
/// The training stage of a search: trains a proposed shape or loads it from the trained-shape cache,
/// under the proposal's per-epoch stop rule; stores a run the rule stopped as a partial entry with its
/// checkpoint and resumes such an entry instead of starting over; keeps every run for the report, and
/// records shapes the trainer could not train. Thread-safe for the concurrent evaluations of <c>--parallel</c>.
/// </summary>
internal sealed class ShapeTrainings(IShapeTrainer trainer, TrainedShapeCache cache, ISearchObserver observer, TrainingData data, TrainingRecipe recipe, string datasetHash)
{
    private readonly Dictionary<Shape, ShapeRun> _runs = [];
    private readonly ConcurrentDictionary<Shape, string> _skipped = new();
    private double _secondsTrained;

    /// <summary>The runs so far, by shape.</summary>
    public IReadOnlyDictionary<Shape, ShapeRun> Runs => _runs;

    /// <summary>Seconds spent training in this run (cached epochs cost nothing; a resumed run costs its extra epochs).</summary>
    public double TrainingSeconds
    {
        get
        {
            lock (_runs) return _secondsTrained;
        }
    }

    /// <summary>Trains (or loads) the proposed shape under its stop rule; the search sees its curve, or that it was skipped and why.</summary>
    public EvaluationResult Evaluate(ShapeProposal proposal, NetworkPlan plan, CancellationToken cancellationToken)
    {
        var run = TrainOrLoad(plan, proposal.Round, proposal.Why, proposal.Stop, cancellationToken);
        return run is null ? EvaluationResult.Skipped(_skipped[proposal.Shape]) : EvaluationResult.FromCurve(run.Curve, run.Completed, run.StoppedBecause);
    }

    /// <summary>The weights of a shape the search trained: from this run, else from the cache, else trained again (an entry that went bad meanwhile).</summary>
    /// <exception cref="ShapeDnnException">The shape cannot be trained again now.</exception>
    public IReadOnlyList<NamedTensor> WeightsOf(NetworkPlan plan, int round, CancellationToken cancellationToken)
    {
        ShapeRun run;
        lock (_runs) run = _runs[plan.Shape];
        if ((run.Weights ?? cache.TryGetWeights(KeyOf(plan), plan)) is { } weights) return weights;
        var again = TrainOrLoad(plan, round, "weights needed again", StopRule.Never(recipe.Epochs), cancellationToken)
            ?? throw new ShapeDnnException(ErrorCode.NothingTrainable, $"{plan.Shape.Name} trained before but cannot be trained again now: {_skipped[plan.Shape]}");
        return again.Weights ?? cache.TryGetWeights(KeyOf(plan), plan)
            ?? throw new ShapeDnnException(ErrorCode.CorruptCacheEntry, $"The weights of {plan.Shape.Name} could not be read back from the cache.");
    }

    private string KeyOf(NetworkPlan plan) => TrainedShapeKey.For(datasetHash, recipe, plan.Shape, plan.Input, trainer.Arithmetic);

    /// <returns>The run, or null when the trainer found the shape not trainable (the reason is kept for <see cref="Evaluate"/>).</returns>
    private ShapeRun? TrainOrLoad(NetworkPlan plan, int round, string why, StopRule stop, CancellationToken cancellationToken)
    {
        string key = KeyOf(plan);
        if (FromCache(plan, key, round, why, stop, out var cached) is { } hit) return hit;
        // Another process sharing the cache may be training this shape: wait for it rather than train it twice.
        using var lease = cache.AcquireLease(key, holder => observer.Phase(SearchPhase.Waiting, $"{plan.Shape.Name} is being trained by {holder}; waiting for it"), cancellationToken);
        if (FromCache(plan, key, round, why, stop, out cached) is { } trainedElsewhere) return trainedElsewhere;
        // A run stopped in an earlier search that this one wants to go on with: resume from its checkpoint.
        var resume = cached is null ? null : ReadCheckpoint(key, cached);

        observer.TrainingStarted(plan.Shape, round, resume is null ? why : $"{why} (resumed after epoch {resume.EpochsDone} from the cache)", fromCache: false);
        var seen = resume?.Epochs.Select(e => e.ValidationAccuracy).ToList() ?? [];
        string? stopped = null;
        TrainingResult result;
        try
        {
            result = trainer.Train(plan, data, recipe, new TrainingControl
            {
                Progress = new SynchronousProgress(p => observer.TrainingProgress(plan.Shape, p)),
                ResumeFrom = resume,
                EpochCompleted = epoch =>
                {
                    observer.EpochFinished(plan.Shape, epoch);
                    seen.Add(epoch.ValidationAccuracy);
                    stopped = stop.ShouldStop(seen);
                    return stopped is null ? EpochDecision.Continue : EpochDecision.Stop;
                },
            }, cancellationToken);
        }
        catch (ShapeNotTrainableException ex)
        {
            // Not cached: a later run on a larger device may train it.
            observer.Warning($"{plan.Shape.Name} skipped: {ex.Reason}");
            observer.TrainingSkipped(plan.Shape, ex.Reason);
            _skipped.TryAdd(plan.Shape, ex.Reason);
            return null;
        }
        // The entry's time is the whole run's; this search spent only this call's.
        var metrics = CachedTraining.Of(plan.Shape.Name, result, trainer.DeviceDescription) with { TrainingSeconds = (resume is null ? 0 : cached!.TrainingSeconds) + result.TrainingSeconds };
        if (result.Note is not null) observer.Warning($"{plan.Shape.Name}: {result.Note}");
        // A worker process stores its own result (so that it survives this process); store only what is not there yet.
        if (cache.TryGetMetrics(key) is not { } stored || stored.Epochs.Count != result.Epochs.Count)
            cache.Store(key, metrics, result.Weights, result.Checkpoint is { } checkpoint ? TrainingCheckpointFile.Serialize(checkpoint) : null);
        observer.TrainingFinished(plan.Shape, result.ValidationAccuracy, fromCache: false, result.TrainingSeconds);
        bool completed = result.Checkpoint is null;
        if (!completed) observer.TrainingStopped(plan.Shape, result.Epochs.Count, stopped ?? "stopped by the search");
        return Keep(plan.Shape, new ShapeRun(metrics, result.Weights, false)
        {
            Curve = result.Epochs.Select(e => e.ValidationAccuracy).ToArray(),
            Completed = completed,
            StoppedBecause = completed ? null : stopped ?? "stopped by the search",
        }, result.TrainingSeconds);
    }

    /// <summary>
    /// The run from the cache when the cache settles it: a complete entry, or one the stop rule stops
    /// within the epochs it holds. The cached epochs are revealed as the rule would have seen them, so
    /// that the search decides the same whether a result comes from the cache or from a training now.
    /// Null otherwise; <paramref name="cached"/> is then a partial entry to resume, or null.
    /// </summary>
    private ShapeRun? FromCache(NetworkPlan plan, string key, int round, string why, StopRule stop, out CachedTraining? cached)
    {
        cached = cache.TryGetMetrics(key, plan.Shape.Name);
        if (cached is null) return null;
        var curve = cached.Epochs.Select(e => e.ValidationAccuracy).ToList();
        int shown = curve.Count;
        string? stoppedAt = null;
        for (int k = 1; k <= curve.Count && stoppedAt is null; k++)
            if ((stoppedAt = stop.ShouldStop(curve.Take(k).ToList())) is not null) shown = k;
        bool complete = curve.Count >= recipe.Epochs;
        if (!complete && stoppedAt is null) return null;
        observer.TrainingStarted(plan.Shape, round, why, fromCache: true);
        observer.TrainingFinished(plan.Shape, curve[shown - 1], fromCache: true, cached.TrainingSeconds);
        if (stoppedAt is not null) observer.TrainingStopped(plan.Shape, shown, stoppedAt);
        return Keep(plan.Shape, new ShapeRun(cached, null, true) { Curve = curve.Take(shown).ToArray(), Completed = complete && stoppedAt is null, StoppedBecause = stoppedAt }, 0);
    }

    /// <summary>The checkpoint of a partial entry, or null (then the shape trains from the start) when it is missing or unreadable.</summary>
    private TrainingCheckpoint? ReadCheckpoint(string key, CachedTraining cached)
    {
        if (cache.TryGetCheckpoint(key) is not { } bytes) return null;
        try
        {
            var checkpoint = TrainingCheckpointFile.Deserialize(bytes);
            return checkpoint.EpochsDone == cached.Epochs.Count ? checkpoint : null;
        }
        catch (InvalidDataException ex)
        {
            observer.Warning($"{ErrorCode.CorruptCacheEntry.ToCodeString()}: the checkpoint of {cached.Shape} cannot be read ({ex.Message}); it is trained from the start.");
            return null;
        }
    }

    private ShapeRun Keep(Shape shape, ShapeRun run, double seconds)
    {
        lock (_runs)
        {
            _runs[shape] = run;
            _secondsTrained += seconds;
        }
        return run;
    }

    /// <summary>Calls back on the reporting thread (System.Progress would post to the thread pool and reorder events).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
