using System.Collections.Concurrent;
using ShapeDnn.Cache;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Search;
using ShapeDnn.Tensors;
using ShapeDnn.Training;

namespace ShapeDnn.Engine;

/// <summary>One shape's training as the search used it: its metrics, its weights when trained in this run, and whether it came from the cache.</summary>
/// <param name="Metrics">Accuracies, epochs, time, device.</param>
/// <param name="Weights">The trained weights; null when the metrics came from the cache (the weights are read from it only if the shape is chosen).</param>
/// <param name="FromCache">Whether nothing was trained for it in this run.</param>
internal sealed record ShapeRun(CachedTraining Metrics, IReadOnlyList<NamedTensor>? Weights, bool FromCache);

/// <summary>
/// The training stage of a search: trains a proposed shape or loads it from the trained-shape cache,
/// keeps every run for the report, and records shapes the trainer could not train. Thread-safe for
/// the concurrent evaluations of <c>--parallel</c>.
/// </summary>
internal sealed class ShapeTrainings(IShapeTrainer trainer, TrainedShapeCache cache, ISearchObserver observer, TrainingData data, TrainingRecipe recipe, string datasetHash)
{
    private readonly Dictionary<Shape, ShapeRun> _runs = [];
    private readonly ConcurrentDictionary<Shape, string> _skipped = new();

    /// <summary>The runs so far, by shape.</summary>
    public IReadOnlyDictionary<Shape, ShapeRun> Runs => _runs;

    /// <summary>Seconds spent training in this run (cached shapes cost nothing).</summary>
    public double TrainingSeconds
    {
        get
        {
            lock (_runs) return _runs.Values.Where(r => !r.FromCache).Sum(r => r.Metrics.TrainingSeconds);
        }
    }

    /// <summary>The cache key of a training: everything its result depends on.</summary>
    private static string CacheKey(string datasetHash, TrainingRecipe recipe, Shape shape, InputShape input, string arithmetic) => ContentKey.Compute(
        "kind=trained-shape/2",
        $"tool={SearchEngine.ToolVersion}",
        $"dataset={datasetHash}",
        $"recipe={recipe}",
        $"arithmetic={arithmetic}",
        $"shape={shape.Key}",
        $"input={input}");

    /// <summary>Trains (or loads) the proposed shape; the search sees its validation accuracy, or that it was skipped and why.</summary>
    public EvaluationResult Evaluate(ShapeProposal proposal, NetworkPlan plan, CancellationToken cancellationToken)
    {
        var run = TrainOrLoad(plan, proposal.Round, proposal.Why, cancellationToken);
        return run is null ? EvaluationResult.Skipped(_skipped[proposal.Shape]) : EvaluationResult.Trained(run.Metrics.ValidationAccuracy);
    }

    /// <summary>The weights of a shape the search trained: from this run, else from the cache, else trained again (an entry that went bad meanwhile).</summary>
    /// <exception cref="ShapeDnnException">The shape cannot be trained again now.</exception>
    public IReadOnlyList<NamedTensor> WeightsOf(NetworkPlan plan, int round, CancellationToken cancellationToken)
    {
        ShapeRun run;
        lock (_runs) run = _runs[plan.Shape];
        if ((run.Weights ?? cache.TryGetWeights(KeyOf(plan), plan)) is { } weights) return weights;
        var again = TrainOrLoad(plan, round, "weights needed again", cancellationToken)
            ?? throw new ShapeDnnException(ErrorCode.NothingTrainable, $"{plan.Shape.Name} trained before but cannot be trained again now: {_skipped[plan.Shape]}");
        return again.Weights!;
    }

    private string KeyOf(NetworkPlan plan) => CacheKey(datasetHash, recipe, plan.Shape, plan.Input, trainer.Arithmetic);

    /// <returns>The run, or null when the trainer found the shape not trainable (the reason is kept for <see cref="Evaluate"/>).</returns>
    private ShapeRun? TrainOrLoad(NetworkPlan plan, int round, string why, CancellationToken cancellationToken)
    {
        string key = KeyOf(plan);
        if (FromCache(plan, key, round, why) is { } hit) return hit;
        // Another process sharing the cache may be training this shape: wait for it rather than train it twice.
        using var lease = cache.AcquireLease(key, holder => observer.Phase($"{plan.Shape.Name} is being trained by {holder}; waiting for it"), cancellationToken);
        if (FromCache(plan, key, round, why) is { } trainedElsewhere) return trainedElsewhere;
        observer.TrainingStarted(plan.Shape, round, why, fromCache: false);
        TrainingResult result;
        try
        {
            result = trainer.Train(plan, data, recipe, new SynchronousProgress(p => observer.TrainingProgress(plan.Shape, p)), cancellationToken);
        }
        catch (ShapeNotTrainableException ex)
        {
            // Not cached: a later run on a larger device may train it.
            observer.Warning($"{plan.Shape.Name} skipped: {ex.Reason}");
            _skipped.TryAdd(plan.Shape, ex.Reason);
            return null;
        }
        var metrics = new CachedTraining(plan.Shape.Name, result.ValidationAccuracy, result.TestAccuracy, result.Epochs, result.TrainingSeconds,
            result.ImagesPerSecond, trainer.DeviceDescription, SearchEngine.ToolVersion, DateTime.UtcNow) { BatchSize = result.BatchSize, Note = result.Note };
        if (result.Note is not null) observer.Warning($"{plan.Shape.Name}: {result.Note}");
        cache.Store(key, metrics, result.Weights);
        observer.TrainingFinished(plan.Shape, result.ValidationAccuracy, fromCache: false, result.TrainingSeconds);
        return Keep(plan.Shape, new ShapeRun(metrics, result.Weights, false));
    }

    private ShapeRun? FromCache(NetworkPlan plan, string key, int round, string why)
    {
        if (cache.TryGetMetrics(key, plan.Shape.Name) is not { } cached) return null;
        observer.TrainingStarted(plan.Shape, round, why, fromCache: true);
        observer.TrainingFinished(plan.Shape, cached.ValidationAccuracy, fromCache: true, cached.TrainingSeconds);
        return Keep(plan.Shape, new ShapeRun(cached, null, true));
    }

    private ShapeRun Keep(Shape shape, ShapeRun run)
    {
        lock (_runs) _runs[shape] = run;
        return run;
    }

    /// <summary>Calls back on the reporting thread (System.Progress would post to the thread pool and reorder events).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
