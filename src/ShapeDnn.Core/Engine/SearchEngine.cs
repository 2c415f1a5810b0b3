using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using ShapeDnn.Cache;
using ShapeDnn.CodeGeneration;
using ShapeDnn.Constraints;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Filtering;
using ShapeDnn.Profiles;
using ShapeDnn.Reporting;
using ShapeDnn.Search;
using ShapeDnn.Selection;
using ShapeDnn.Tensors;
using ShapeDnn.Training;

namespace ShapeDnn.Engine;

/// <summary>
/// The whole pipeline: dataset → design space → profiles → filter → search (training + cache +
/// predictor) → selection → export → code generation → report. Native work is behind the
/// injected interfaces, so the pipeline itself runs in tests with fakes.
/// </summary>
public sealed class SearchEngine(IShapeTrainer trainer, ILatencyProfiler latencyProfiler, IEnergyMeter energyMeter, IModelExporter exporter, ISearchObserver observer)
{
    private ISearchObserver observer = observer;

    /// <summary>The version stamped into cache keys, reports and generated code.</summary>
    public static string ToolVersion { get; } =
        typeof(SearchEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Runs the search and writes the outputs.</summary>
    /// <exception cref="ShapeDnnException">Any user-facing failure, with its code.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; outputs are untouched and the cache holds only complete entries.</exception>
    public SearchReport Run(SearchRequest request, CancellationToken cancellationToken)
    {
        if (request.Parallel < 1)
            throw new ShapeDnnException(ErrorCode.BadOption, $"Parallel trainings must be at least 1, not {request.Parallel}.");
        if (request.Parallel > 1 && observer is not SynchronizedObserver) observer = new SynchronizedObserver(observer);
        var clock = Stopwatch.StartNew();
        var outputs = OutputPaths(request);
        PrepareOutputFolder(request.OutputFolder);
        var cache = new TrainedShapeCache(request.CacheFolder, observer.Warning);
        PrepareCache(request.CacheFolder, cache);

        observer.Phase($"Loading dataset {request.DatasetFolder}");
        var dataset = DatasetLoader.Load(request.DatasetFolder);
        var recipe = request.Budget.Recipe;
        var split = SplitFor(dataset, recipe);
        var input = dataset.Train.Shape;
        var normalization = ChannelNormalization.Compute(split.Train);
        observer.Detail($"{dataset.Format}: {split.Train.Count} train, {split.Validation.Count} validation, {split.Test.Count} test images of {input}");

        observer.Phase($"Profiling {request.Space.Count} shapes on {latencyProfiler.DeviceDescription}");
        CheckEnergyEstimates(request);
        var filter = new FeasibilityFilter(latencyProfiler, energyMeter, request.BatchSize, request.Prediction);
        filter.Profiling += observer.Profiling;
        var profiles = filter.Apply(request.Space, input, request.Constraints, request.Goal, cancellationToken);
        CheckEstimatedFallbacks(request, profiles);
        double profileSeconds = clock.Elapsed.TotalSeconds;
        var feasible = profiles.Where(p => p.Feasible).ToList();
        observer.Detail($"{feasible.Count} of {profiles.Count} shapes meet the size, latency and energy limits");

        var cost = feasible.ToDictionary(p => p.Shape, p => Cost(p, request.Goal));
        int maxShapes = request.Budget.ShapesFor(feasible.Count);
        observer.Phase($"Searching {feasible.Count} feasible shapes (training at most {maxShapes}) on {trainer.DeviceDescription}");

        var trainingData = new TrainingData(split.Train, split.Validation, split.Test, normalization);
        var skipped = new System.Collections.Concurrent.ConcurrentDictionary<Shape, string>();
        var runs = new Dictionary<Shape, (CachedTraining Metrics, IReadOnlyList<NamedTensor>? Weights, bool FromCache)>();
        string KeyOf(Shape s) => CacheKey(dataset.ContentHash, recipe, s, input, trainer.Arithmetic);
        EvaluationResult EvaluateOne(ShapeProposal p)
        {
            var run = TrainOrLoad(cache, KeyOf(p.Shape), profiles.First(x => x.Shape == p.Shape).Plan, trainingData, recipe, p.Round, p.Why, cancellationToken, skipped);
            if (run is not { } done) return EvaluationResult.Skipped(skipped[p.Shape]);
            lock (runs) runs[p.Shape] = done;
            return EvaluationResult.Trained(done.Metrics.ValidationAccuracy);
        }
        IReadOnlyList<EvaluationResult> EvaluateBatch(IReadOnlyList<ShapeProposal> batch)
        {
            if (batch.Count == 1 || request.Parallel == 1) return batch.Select(EvaluateOne).ToList();
            // Results are stored by proposal index, so the search sees them in proposal order whatever order the trainings finish in.
            var results = new EvaluationResult[batch.Count];
            System.Threading.Tasks.Parallel.For(0, batch.Count,
                new ParallelOptions { MaxDegreeOfParallelism = request.Parallel, CancellationToken = cancellationToken },
                i => results[i] = EvaluateOne(batch[i]));
            return results;
        }
        SearchOutcome outcome;
        try
        {
            outcome = new ShapeSearch(feasible.Select(p => new SearchCandidate(p.Shape, cost[p.Shape])).ToList(),
                request.Goal, request.Constraints.MinAccuracy, maxShapes, request.Space).Run(EvaluateBatch, request.Parallel, cancellationToken);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Parallel.For wraps failures; rethrow the first as it is, so that its code reaches the user.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
        double trainingSeconds = runs.Values.Where(r => !r.FromCache).Sum(r => r.Metrics.TrainingSeconds);

        var chosen = ChoiceOnMeasuredFigures.Settle(outcome, cost, profiles, filter.Measurer, request, observer, cancellationToken);
        var chosenProfile = profiles.First(p => p.Shape == chosen.Shape);
        var weights = runs[chosen.Shape].Weights ?? cache.TryGetWeights(KeyOf(chosen.Shape), chosenProfile.Plan);
        if (weights is null)
        {
            // The entry went bad between the search and now: train it again rather than fail.
            runs[chosen.Shape] = TrainOrLoad(cache, KeyOf(chosen.Shape), chosenProfile.Plan, trainingData, recipe, chosen.Round, "weights needed again", cancellationToken, skipped)
                ?? throw new ShapeDnnException(ErrorCode.NothingTrainable, $"{chosen.Shape.Name} trained before but cannot be trained again now: {skipped[chosen.Shape]}");
            weights = runs[chosen.Shape].Weights!;
        }
        // The delivered shape and its runners-up are reported with measured figures, whatever the filter needed.
        var ranked = ShapeSelector.Rank(outcome.Trained, cost, request.Goal, request.Constraints.MinAccuracy);
        var measurer = filter.Measurer ?? new ShapeMeasurer(latencyProfiler, energyMeter, request.BatchSize);
        foreach (var shown in ranked.Take(4).Select(t => profiles.First(p => p.Shape == t.Shape)))
        {
            if (shown.Latency is { Source: FigureSource.Measured } && shown.Energy is { Source: not FigureSource.Predicted }) continue;
            observer.Phase($"Measuring latency and energy of {shown.Shape.Name}");
            if (!measurer.Measure(shown, withEnergy: true, cancellationToken) && shown == chosenProfile)
                throw new ShapeDnnException(ErrorCode.DeviceUnavailable, $"The chosen shape {shown.Shape.Name} could not be measured: {shown.ExcludedBy}");
        }

        cancellationToken.ThrowIfCancellationRequested();
        observer.Phase($"Writing {Path.GetFileName(outputs.Onnx)}, {Path.GetFileName(outputs.Code)} and {Path.GetFileName(outputs.Report)}");
        var rows = profiles.Select(p => Row(p, outcome, runs) with { TrainingSkipped = outcome.Skipped.FirstOrDefault(x => x.Shape == p.Shape)?.Reason }).ToList();
        var report = new SearchReport(
            ToolVersion,
            DateTime.UtcNow,
            new DatasetSummary(Path.GetFullPath(request.DatasetFolder), dataset.Format, dataset.ContentHash, input.Channels, input.Height, input.Width, input.Classes,
                split.Train.Count, split.Validation.Count, split.Test.Count),
            new RequestSummary(request.Constraints.ToString(), request.Goal.ToString(), request.Budget.ToString(), recipe.Epochs, recipe.TrainSubset, maxShapes,
                request.Space.ToString(), request.BatchSize, request.AllowEnergyEstimates),
            new DeviceSummary(trainer.DeviceDescription, latencyProfiler.DeviceDescription, chosenProfile.Energy!.Method, energyMeter.IsEstimate),
            new SearchSummary(profiles.Count, feasible.Count, outcome.Trained.Count, runs.Values.Count(r => !r.FromCache), runs.Values.Count(r => r.FromCache),
                outcome.StopReason.ToString(), outcome.StopExplanation, profileSeconds, trainingSeconds, clock.Elapsed.TotalSeconds)
            { Parallel = request.Parallel, SkippedShapes = outcome.Skipped.Count },
            filter.Summary,
            rows.First(r => r.Name == chosen.Shape.Name),
            ranked.Skip(1).Take(3).Select(t => rows.First(r => r.Name == t.Shape.Name)).ToList(),
            rows,
            new OutputSummary(outputs.Onnx, outputs.Code, outputs.Report));

        WriteOutputs(request, outputs, chosenProfile, weights, normalization, runs[chosen.Shape].Metrics, dataset, report);
        return report with { Search = report.Search with { TotalSeconds = clock.Elapsed.TotalSeconds } };
    }

    /// <summary>The cache key of a training: everything its result depends on.</summary>
    public static string CacheKey(string datasetHash, TrainingRecipe recipe, Shape shape, InputShape input, string arithmetic) => ContentKey.Compute(
        "kind=trained-shape/2",
        $"tool={ToolVersion}",
        $"dataset={datasetHash}",
        $"recipe={recipe}",
        $"arithmetic={arithmetic}",
        $"shape={shape.Key}",
        $"input={input}");

    /// <returns>The run, or null when the trainer found the shape not trainable (the reason is in <paramref name="skipped"/>).</returns>
    private (CachedTraining Metrics, IReadOnlyList<NamedTensor>? Weights, bool FromCache)? TrainOrLoad(
        TrainedShapeCache cache, string key, NetworkPlan plan, TrainingData data, TrainingRecipe recipe, int round, string why, CancellationToken cancellationToken,
        System.Collections.Concurrent.ConcurrentDictionary<Shape, string>? skipped = null)
    {
        if (cache.TryGetMetrics(key) is { } cached)
        {
            observer.TrainingStarted(plan.Shape, round, why, fromCache: true);
            observer.TrainingFinished(plan.Shape, cached.ValidationAccuracy, fromCache: true, cached.TrainingSeconds);
            return (cached, null, true);
        }
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
            (skipped ?? new()).TryAdd(plan.Shape, ex.Reason);
            return null;
        }
        var metrics = new CachedTraining(plan.Shape.Name, result.ValidationAccuracy, result.TestAccuracy, result.Epochs, result.TrainingSeconds,
            result.ImagesPerSecond, trainer.DeviceDescription, ToolVersion, DateTime.UtcNow) { BatchSize = result.BatchSize, Note = result.Note };
        if (result.Note is not null) observer.Warning($"{plan.Shape.Name}: {result.Note}");
        cache.Store(key, metrics, result.Weights);
        observer.TrainingFinished(plan.Shape, result.ValidationAccuracy, fromCache: false, result.TrainingSeconds);
        return (metrics, result.Weights, false);
    }

    /// <summary>
    /// The training, validation and test images a recipe trains on: the same for the engine and for
    /// <c>shapednn train</c> (and its worker processes), so that they agree on every result.
    /// </summary>
    public static DatasetSplit SplitFor(LoadedDataset dataset, TrainingRecipe recipe)
    {
        // Never hold out more than a sixth of the training images, so that small datasets still train.
        int validation = Math.Min(recipe.ValidationCount, dataset.Train.Count / 6);
        int? train = recipe.TrainSubset is { } subset ? Math.Min(subset, dataset.Train.Count - validation) : null;
        int? test = recipe.TestSubset is { } t ? Math.Min(t, dataset.Test.Count) : null;
        return DatasetSplitter.Split(dataset, new SplitOptions(validation, recipe.Seed, train, test));
    }

    private static double Cost(ShapeProfile p, Goal goal) => goal switch
    {
        Goal.MinimizeLatency => p.Latency!.MedianMilliseconds,
        Goal.MinimizeEnergy => p.Energy!.Millijoules,
        _ => p.Plan.ParameterCount,
    };

    private void CheckEnergyEstimates(SearchRequest request)
    {
        bool energyMatters = request.Constraints.NeedsEnergy || request.Goal == Goal.MinimizeEnergy;
        if (!energyMatters || !energyMeter.IsEstimate) return;
        string what = $"{(request.Constraints.NeedsEnergy ? "MaxEnergy" : "MinimizeEnergy")} rests on an energy estimate: this machine has no energy counter";
        if (!request.AllowEnergyEstimates)
            throw new ShapeDnnException(ErrorCode.EnergyEstimate, $"{what}, and estimates are forbidden. Allow them, or run the search on a machine with RAPL or NVML counters.");
        observer.Warning($"{ErrorCode.EnergyEstimate.ToCodeString()}: {what}; energy figures are estimates (see the report's energy method).");
    }

    /// <summary>
    /// A measuring meter can fall back to an estimate for single shapes (a stalled or missing counter);
    /// where energy decides and estimates are forbidden, that must stop the search.
    /// </summary>
    private void CheckEstimatedFallbacks(SearchRequest request, IReadOnlyList<ShapeProfile> profiles)
    {
        bool energyMatters = request.Constraints.NeedsEnergy || request.Goal == Goal.MinimizeEnergy;
        if (!energyMatters || energyMeter.IsEstimate) return;
        var estimated = profiles.FirstOrDefault(p => p.Energy is { Source: FigureSource.Estimated });
        if (estimated is null) return;
        string what = $"the energy counter failed for {estimated.Shape.Name} ({estimated.Energy!.Method})";
        if (!request.AllowEnergyEstimates)
            throw new ShapeDnnException(ErrorCode.EnergyEstimate, $"{what}, and estimates are forbidden: the energy limit or goal cannot be honoured.");
        observer.Warning($"{ErrorCode.EnergyEstimate.ToCodeString()}: {what}; some energy figures are estimates.");
    }

    private static ShapeRow Row(ShapeProfile p, SearchOutcome outcome, Dictionary<Shape, (CachedTraining Metrics, IReadOnlyList<NamedTensor>? Weights, bool FromCache)> runs)
    {
        var trained = outcome.Trained.FirstOrDefault(t => t.Shape == p.Shape);
        bool predicted = outcome.FinalPredictions.TryGetValue(p.Shape, out var prediction);
        return new ShapeRow
        {
            Name = p.Shape.Name,
            Depth = p.Shape.Depth,
            Width = p.Shape.Width,
            Parameters = p.Plan.ParameterCount,
            SizeBytes = p.Plan.Fp32SizeBytes,
            MultiplyAccumulates = p.Plan.MultiplyAccumulates,
            Latency = p.Latency,
            Energy = p.Energy,
            Feasible = p.Feasible,
            ExcludedBy = p.ExcludedBy,
            PredictedAccuracy = predicted ? prediction.Mean : null,
            PredictedAccuracyStd = predicted ? prediction.StandardDeviation : null,
            Training = trained is null ? null : new TrainingRow(trained.Round, trained.Why, trained.PredictedBefore?.Mean, trained.PredictedBefore?.StandardDeviation,
                trained.ValidationAccuracy, runs[p.Shape].Metrics.TestAccuracy, runs[p.Shape].Metrics.TrainingSeconds, runs[p.Shape].Metrics.ImagesPerSecond, runs[p.Shape].FromCache, runs[p.Shape].Metrics.Epochs)
            {
                BatchSize = runs[p.Shape].Metrics.BatchSize > 0 ? runs[p.Shape].Metrics.BatchSize : null,
                Note = runs[p.Shape].Metrics.Note,
            },
        };
    }

    private static (string Onnx, string Code, string Report) OutputPaths(SearchRequest request)
    {
        var folder = Path.GetFullPath(request.OutputFolder);
        return (Path.Combine(folder, request.ModelName + ".onnx"), Path.Combine(folder, request.ModelName + ".g.cs"), Path.Combine(folder, request.ModelName + ".report.json"));
    }

    private void WriteOutputs(SearchRequest request, (string Onnx, string Code, string Report) outputs, ShapeProfile chosen, IReadOnlyList<NamedTensor> weights,
        ChannelNormalization normalization, CachedTraining metrics, LoadedDataset dataset, SearchReport report)
    {
        // Everything is rendered before anything is written, so a failure cannot leave a mix of old and new outputs.
        var code = CSharpModelGenerator.Generate(new GeneratedModelDescription
        {
            ClassName = request.ModelName,
            Namespace = request.Namespace,
            OnnxFileName = Path.GetFileName(outputs.Onnx),
            Input = chosen.Plan.Input,
            Shape = chosen.Shape,
            ParameterCount = chosen.Plan.ParameterCount,
            Fp32SizeBytes = chosen.Plan.Fp32SizeBytes,
            ValidationAccuracy = metrics.ValidationAccuracy,
            TestAccuracy = metrics.TestAccuracy,
            Latency = chosen.Latency!,
            Energy = chosen.Energy!,
            DatasetName = $"{Path.GetFileName(Path.GetFullPath(request.DatasetFolder).TrimEnd(Path.DirectorySeparatorChar))} ({dataset.Format})",
            DatasetHash = dataset.ContentHash,
            ToolVersion = ToolVersion,
        });
        var json = JsonSerializer.Serialize(report, ShapeDnnJsonContext.Default.SearchReport);
        try
        {
            exporter.Write(chosen.Plan, weights, normalization, outputs.Onnx);
            AtomicFile.WriteAllText(outputs.Code, code);
            AtomicFile.WriteAllText(outputs.Report, json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ShapeDnnException(ErrorCode.OutputNotWritable, $"Cannot write the outputs to '{request.OutputFolder}': {ex.Message}", ex);
        }
    }

    private static void PrepareOutputFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".shapednn-write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            AtomicFile.RemoveStaleTemporaries(folder, TimeSpan.FromMinutes(1));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ShapeDnnException(ErrorCode.OutputNotWritable, $"The output folder '{folder}' cannot be created or written: {ex.Message}", ex);
        }
    }

    private static void PrepareCache(string folder, TrainedShapeCache cache)
    {
        try
        {
            Directory.CreateDirectory(folder);
            cache.RemoveStaleTemporaries(TimeSpan.FromHours(1));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ShapeDnnException(ErrorCode.CacheNotWritable, $"The cache folder '{folder}' cannot be created or written: {ex.Message}. Set --cache (ShapeDnnCacheDir) to a writable folder.", ex);
        }
    }

    /// <summary>Calls back on the reporting thread (System.Progress would post to the thread pool and reorder events).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
