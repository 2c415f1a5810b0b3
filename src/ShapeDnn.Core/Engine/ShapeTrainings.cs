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
/// records shapes the trainer could not train. The shapes of a batch (<c>--parallel</c>) that need training go to the trainer together.
/// A training also stops at the end of the epoch in which the search's <paramref name="deadline"/> passes.
/// </summary>
internal sealed class ShapeTrainings(IShapeTrainer trainer, TrainedShapeCache cache, ISearchObserver observer, TrainingData data, TrainingRecipe recipe, string datasetHash,
    SearchDeadline deadline)
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

    /// <summary>
    /// Trains (or loads) the proposed shapes of one batch, each under its stop rule (the search sees each curve, or
    /// that the shape was skipped and why): those the cache does not settle are handed to the trainer as one batch (<see cref="IShapeTrainer.TrainBatch"/>).
    /// The results come in the order of <paramref name="batch"/>, whatever order the trainings end in.
    /// </summary>
    public IReadOnlyList<EvaluationResult> EvaluateBatch(IReadOnlyList<(ShapeProposal Proposal, NetworkPlan Plan)> batch, CancellationToken cancellationToken)
    {
        var runs = TrainOrLoad(batch.Select(b => new Wanted(b.Plan, b.Proposal.Round, b.Proposal.Why, b.Proposal.Stop, deadline)).ToList(), cancellationToken);
        return batch.Select((b, i) => runs[i] is { } run
            ? EvaluationResult.FromCurve(run.Curve, run.Completed, run.StoppedBecause)
            : EvaluationResult.Skipped(_skipped[b.Proposal.Shape])).ToList();
    }

    /// <summary>The weights of a shape the search trained: from this run, else from the cache, else trained again (an entry that went bad meanwhile).</summary>
    /// <exception cref="ShapeDnnException">The shape cannot be trained again now.</exception>
    public IReadOnlyList<NamedTensor> WeightsOf(NetworkPlan plan, int round, CancellationToken cancellationToken)
    {
        ShapeRun run;
        lock (_runs) run = _runs[plan.Shape];
        if ((run.Weights ?? cache.TryGetWeights(KeyOf(plan), plan)) is { } weights) return weights;
        // The delivered shape is trained to the end, whatever the time budget says.
        var again = TrainOrLoad([new Wanted(plan, round, "weights needed again", StopRule.Never(recipe.Epochs), null)], cancellationToken)[0]
            ?? throw new ShapeDnnException(ErrorCode.NothingTrainable, $"{plan.Shape.Name} trained before but cannot be trained again now: {_skipped[plan.Shape]}");
        return again.Weights ?? cache.TryGetWeights(KeyOf(plan), plan)
            ?? throw new ShapeDnnException(ErrorCode.CorruptCacheEntry, $"The weights of {plan.Shape.Name} could not be read back from the cache.");
    }

    private string KeyOf(NetworkPlan plan) => TrainedShapeKey.For(datasetHash, recipe, plan.Shape, plan.Input, trainer.Arithmetic);

    /// <summary>A shape the search wants, under its stop rule and the search's time ceiling (null: none; the delivered shape's weights are never cut short).</summary>
    private sealed record Wanted(NetworkPlan Plan, int Round, string Why, StopRule Stop, SearchDeadline? Ceiling);

    /// <summary>A shape of the batch that the cache does not settle: its lease, the partial entry it resumes, and its job.</summary>
    private sealed record Pending(int Index, Wanted Wanted, string Key, IDisposable Lease, CachedTraining? Cached, TrainingCheckpoint? Resume)
    {
        public string? Stopped { get; set; }
    }

    /// <returns>Per wanted shape, its run, or null when the trainer found the shape not trainable (the reason is kept for <see cref="EvaluateBatch"/>).</returns>
    private ShapeRun?[] TrainOrLoad(IReadOnlyList<Wanted> wanted, CancellationToken cancellationToken)
    {
        var runs = new ShapeRun?[wanted.Count];
        var pending = new List<Pending>();
        try
        {
            var toTrain = new List<int>();
            for (int i = 0; i < wanted.Count; i++)
                if ((runs[i] = FromCache(wanted[i], KeyOf(wanted[i].Plan), out _)) is null) toTrain.Add(i);
            // Another process sharing the cache may be training a shape: wait for it rather than train it twice.
            // Leases are taken in key order, so that two searches sharing a cache never wait on each other in a circle.
            foreach (int i in toTrain.OrderBy(i => KeyOf(wanted[i].Plan), StringComparer.Ordinal))
            {
                var w = wanted[i];
                string key = KeyOf(w.Plan);
                var lease = cache.AcquireLease(key, holder => observer.Phase(SearchPhase.Waiting, $"{w.Plan.Shape.Name} is being trained by {holder}; waiting for it"), cancellationToken);
                if ((runs[i] = FromCache(w, key, out var cached)) is not null)
                {
                    lease.Dispose();
                    continue;
                }
                // A run stopped in an earlier search that this one wants to go on with: resume from its checkpoint.
                pending.Add(new Pending(i, w, key, lease, cached, cached is null ? null : ReadCheckpoint(key, cached)));
            }
            if (pending.Count == 0) return runs;
            pending.Sort((a, b) => a.Index.CompareTo(b.Index));

            var jobs = pending.Select(p => new TrainingJob(p.Wanted.Plan, ControlOf(p))).ToList();
            // Each training is stored and reported as it ends, while the others of the batch still run.
            trainer.TrainBatch(jobs, data, recipe, (j, outcome) => runs[pending[j].Index] = Finish(pending[j], outcome), cancellationToken);
            return runs;
        }
        finally
        {
            foreach (var p in pending) p.Lease.Dispose();
        }
    }

    /// <summary>Announces the training and steers it by the proposal's stop rule.</summary>
    private TrainingControl ControlOf(Pending p)
    {
        var (plan, resume) = (p.Wanted.Plan, p.Resume);
        observer.TrainingStarted(plan.Shape, p.Wanted.Round, resume is null ? p.Wanted.Why : $"{p.Wanted.Why} (resumed after epoch {resume.EpochsDone} from the cache)", fromCache: false);
        var seen = resume?.Epochs.Select(e => e.ValidationAccuracy).ToList() ?? [];
        return new TrainingControl
        {
            Progress = new SynchronousProgress(progress => observer.TrainingProgress(plan.Shape, progress)),
            ResumeFrom = resume,
            EpochCompleted = epoch =>
            {
                observer.EpochFinished(plan.Shape, epoch);
                seen.Add(epoch.ValidationAccuracy);
                p.Stopped = p.Wanted.Stop.ShouldStop(seen) ?? (seen.Count < recipe.Epochs ? p.Wanted.Ceiling?.StopReason() : null);
                return p.Stopped is null ? EpochDecision.Continue : EpochDecision.Stop;
            },
        };
    }

    /// <summary>Stores and keeps a training's result; null (and the reason kept) for a shape the trainer could not train.</summary>
    private ShapeRun? Finish(Pending p, TrainingOutcome outcome)
    {
        var plan = p.Wanted.Plan;
        if (outcome.Result is not { } result)
        {
            // Not cached: a later run on a larger device may train it.
            string reason = outcome.NotTrainable!.Reason;
            observer.Warning($"{plan.Shape.Name} skipped: {reason}");
            observer.TrainingSkipped(plan.Shape, reason);
            _skipped.TryAdd(plan.Shape, reason);
            return null;
        }
        // The entry's time is the whole run's; this search spent only this call's.
        var metrics = CachedTraining.Of(plan.Shape.Name, result, trainer.DeviceDescription) with { TrainingSeconds = (p.Resume is null ? 0 : p.Cached!.TrainingSeconds) + result.TrainingSeconds };
        if (result.Note is not null) observer.Warning($"{plan.Shape.Name}: {result.Note}");
        // A worker process stores its own result (so that it survives this process); store only what is not there yet.
        if (cache.TryGetMetrics(p.Key) is not { } stored || stored.Epochs.Count != result.Epochs.Count)
            cache.Store(p.Key, metrics, result.Weights, result.Checkpoint is { } checkpoint ? TrainingCheckpointFile.Serialize(checkpoint) : null);
        observer.TrainingFinished(plan.Shape, result.ValidationAccuracy, fromCache: false, result.TrainingSeconds);
        bool completed = result.Checkpoint is null;
        if (!completed) observer.TrainingStopped(plan.Shape, result.Epochs.Count, p.Stopped ?? "stopped by the search");
        return Keep(plan.Shape, new ShapeRun(metrics, result.Weights, false)
        {
            Curve = result.Epochs.Select(e => e.ValidationAccuracy).ToArray(),
            Completed = completed,
            StoppedBecause = completed ? null : p.Stopped ?? "stopped by the search",
        }, result.TrainingSeconds);
    }

    /// <summary>
    /// The run from the cache when the cache settles it: a complete entry, or one the stop rule stops
    /// within the epochs it holds. The cached epochs are revealed as the rule would have seen them, so
    /// that the search decides the same whether a result comes from the cache or from a training now.
    /// Null otherwise; <paramref name="cached"/> is then a partial entry to resume, or null.
    /// </summary>
    private ShapeRun? FromCache(Wanted wanted, string key, out CachedTraining? cached)
    {
        var (plan, round, why, stop) = (wanted.Plan, wanted.Round, wanted.Why, wanted.Stop);
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
