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
public sealed class SearchEngine(IShapeTrainer trainer, ILatencyProfiler latencyProfiler, IEnergyMeter energyMeter, IModelExporter exporter,
    IReportRenderer reportRenderer, ISearchObserver observer)
{
    private ISearchObserver observer = observer;

    /// <summary>The clock of the search's time budget (<see cref="SearchRequest.TimeBudget"/>); tests inject a fake one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The version stamped into cache keys, reports and generated code.</summary>
    public static string ToolVersion { get; } =
        typeof(SearchEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Runs the search and writes the outputs.</summary>
    /// <exception cref="ShapeDnnException">Any user-facing failure, with its code.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; outputs are untouched and the cache holds only complete entries.</exception>
    public SearchReport Run(SearchRequest request, CancellationToken cancellationToken) => Run(request, null, cancellationToken);

    /// <summary>Runs the search on <paramref name="loaded"/>, the dataset of <see cref="SearchRequest.DatasetFolder"/> already loaded and checked (<see cref="CheckTrainable"/>), or loads it when null.</summary>
    /// <remarks>The command line loads and checks the dataset before any native library is loaded, so that a bad dataset fails in milliseconds.</remarks>
    public SearchReport Run(SearchRequest request, LoadedDataset? loaded, CancellationToken cancellationToken)
    {
        if (request.Parallel < 1)
            throw new ShapeDnnException(ErrorCode.BadOption, $"Parallel trainings must be at least 1, not {request.Parallel}.");
        if (request.Parallel > 1 && observer is not SynchronizedObserver) observer = new SynchronizedObserver(observer);
        var clock = Stopwatch.StartNew();
        // The ceiling covers the whole search, profiling included: it is what the user waits for.
        var deadline = new SearchDeadline(Clock, request.TimeBudget);
        var outputs = new SearchOutputs(request, reportRenderer);
        var cache = new TrainedShapeCache(request.CacheFolder, observer.Warning);
        PrepareCache(request.CacheFolder, cache);

        observer.Phase(SearchPhase.Loading, $"Loading dataset {request.DatasetFolder}");
        var dataset = loaded ?? DatasetLoader.Load(request.DatasetFolder);
        var recipe = request.Budget.Recipe;
        var split = SplitFor(dataset, recipe, observer.Warning);
        var input = dataset.Train.Shape;
        // Checked before any profiling or training: a wrong label count must fail in seconds.
        var labels = request.ClassLabels is { } given
            ? ClassLabelList.CheckCount(given, input.Classes)
            : KnownDatasetLabels.Recognise(dataset)?.Labels;
        var normalization = ChannelNormalization.Compute(split.Train);
        observer.Detail($"{dataset.Format}: {split.Train.Count} train, {split.Validation.Count} validation, {split.Test.Count} test images of {input}");

        observer.Phase(SearchPhase.Profiling, $"Profiling {request.Spaces.Sum(s => s.Count)} shapes on {latencyProfiler.DeviceDescription}");
        EnergyEstimatePolicy.CheckMeter(request, energyMeter, observer);
        var filter = new FeasibilityFilter(latencyProfiler, energyMeter, request.BatchSize, request.Prediction);
        filter.Profiling += observer.Profiling;
        var profiles = filter.Apply(request.Spaces.SelectMany(s => s.Shapes), input, request.Constraints, request.Goal, cancellationToken);
        EnergyEstimatePolicy.CheckFallbacks(request, energyMeter, profiles, observer);
        double profileSeconds = clock.Elapsed.TotalSeconds;
        var feasible = profiles.Where(p => p.Feasible).ToList();
        observer.Detail($"{feasible.Count} of {profiles.Count} shapes meet the size, latency and energy limits");

        var cost = feasible.ToDictionary(p => p.Shape, p => Cost(p, request.Goal));
        int maxShapes = request.Budget.ShapesFor(feasible.Count, request.Parallel);
        observer.Phase(SearchPhase.Searching, $"Searching {feasible.Count} feasible shapes (training at most {maxShapes}) on {trainer.DeviceDescription}");

        // What a training costs depends on where it runs: launch-bound on a GPU, compute-bound on a CPU.
        bool onGpu = TrainingCostProxy.IsGpu(trainer.DeviceDescription);
        var candidates = SearchCandidates.From(feasible, cost, request.Goal, onGpu);
        // The time left weighs what is left with the same training-cost proxy the search decides with.
        var tracker = new SearchProgressTracker(observer, candidates.ToDictionary(c => c.Shape, c => c.TrainingWeight), recipe.Epochs, maxShapes, request.Parallel);
        tracker.Start();
        var trainings = new ShapeTrainings(trainer, cache, tracker, new TrainingData(split.Train, split.Validation, split.Test, normalization), recipe, dataset.ContentHash, deadline);
        NetworkPlan PlanOf(Shape shape) => profiles.First(x => x.Shape == shape).Plan;
        // The shapes of a batch that need training go to the trainer as one batch; results come in proposal order.
        IReadOnlyList<EvaluationResult> EvaluateBatch(IReadOnlyList<ShapeProposal> batch) =>
            trainings.EvaluateBatch(batch.Select(p => (p, PlanOf(p.Shape))).ToList(), cancellationToken);
        SearchOutcome outcome;
        try
        {
            var settings = new SearchSettings(recipe.Epochs, maxShapes)
            {
                TimeUp = () => deadline.Passed,
                // A shape whose latency or energy the filter predicted is measured before the search trains it (seconds against tens of seconds).
                MeasureCost = filter.Measurer is { } profilingMeasurer
                    ? shape => MeasureBeforeTraining.Measure(profiles.First(p => p.Shape == shape), profilingMeasurer, request.Goal, request.Constraints, cost, observer.Detail, cancellationToken)
                    : null,
                MonotoneTolerance = MonotoneBounds.ToleranceFor(recipe),
            };
            outcome = new ShapeSearch(candidates, request.Goal, request.Constraints.MinAccuracy, settings).Run(EvaluateBatch, request.Parallel, cancellationToken);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Trainings of a batch run in parallel, and failures come wrapped; rethrow the first as it is, so that its code reaches the user.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
        double trainingSeconds = trainings.TrainingSeconds;

        var chosen = ChoiceOnMeasuredFigures.Settle(outcome, cost, profiles, filter.Measurer, request.Goal, request.Constraints.MinAccuracy, observer, cancellationToken);
        var chosenProfile = profiles.First(p => p.Shape == chosen.Shape);
        var weights = trainings.WeightsOf(chosenProfile.Plan, chosen.Round, cancellationToken);
        // The delivered shape and its runners-up are reported with measured figures, whatever the filter needed.
        var ranked = ShapeSelector.Rank(outcome.Trained, cost, request.Goal, request.Constraints.MinAccuracy);
        var measurer = filter.Measurer ?? new ShapeMeasurer(latencyProfiler, energyMeter, request.BatchSize);
        foreach (var shown in ranked.Take(4).Select(t => profiles.First(p => p.Shape == t.Shape)))
        {
            if (shown.Latency is { Source: FigureSource.Measured } && shown.Energy is { Source: not FigureSource.Predicted }) continue;
            observer.Phase(SearchPhase.Measuring, $"Measuring latency and energy of {shown.Shape.Name}");
            if (!measurer.Measure(shown, withEnergy: true, cancellationToken) && shown == chosenProfile)
                throw new ShapeDnnException(ErrorCode.DeviceUnavailable, $"The chosen shape {shown.Shape.Name} could not be measured: {shown.ExcludedBy}");
        }

        cancellationToken.ThrowIfCancellationRequested();
        observer.Phase(SearchPhase.Writing, $"Writing {Path.GetFileName(outputs.Onnx)}, {Path.GetFileName(outputs.Code)}, {Path.GetFileName(outputs.Report)} and {Path.GetFileName(outputs.Html)}");
        var runs = trainings.Runs;
        var rows = profiles.Select(p => ReportRows.For(p, outcome, runs)).ToList();
        var report = new SearchReport(
            ToolVersion,
            DateTime.UtcNow,
            new DatasetSummary(Path.GetFullPath(request.DatasetFolder), dataset.Format, dataset.ContentHash, input.Channels, input.Height, input.Width, input.Classes,
                split.Train.Count, split.Validation.Count, split.Test.Count),
            new RequestSummary(request.Constraints.ToString(), request.Goal.ToString(), request.Budget.ToString(), recipe.Epochs, recipe.TrainSubset, maxShapes,
                SearchSpaces.Describe(request.Spaces), request.BatchSize, request.AllowEnergyEstimates)
            { TimeBudget = request.TimeBudget is { } budget ? SearchTimeBudget.Format(budget) : null },
            new DeviceSummary(trainer.DeviceDescription, latencyProfiler.DeviceDescription, chosenProfile.Energy!.Method, energyMeter.IsEstimate),
            new SearchSummary(profiles.Count, feasible.Count, outcome.Trained.Count, runs.Values.Count(r => !r.FromCache), runs.Values.Count(r => r.FromCache),
                outcome.StopReason.ToString(), outcome.StopExplanation, profileSeconds, trainingSeconds, clock.Elapsed.TotalSeconds)
            { Parallel = request.Parallel, SkippedShapes = outcome.Skipped.Count },
            filter.Summary,
            rows.First(r => r.Name == chosen.Shape.Name),
            ranked.Skip(1).Take(3).Select(t => rows.First(r => r.Name == t.Shape.Name)).ToList(),
            rows,
            new OutputSummary(outputs.Onnx, outputs.Code, outputs.Report) { Html = outputs.Html });

        outputs.Write(exporter, chosenProfile, weights, normalization, runs[chosen.Shape].Metrics, dataset, labels, report);
        return report with { Search = report.Search with { TotalSeconds = clock.Elapsed.TotalSeconds } };
    }

    /// <summary>
    /// The training, validation and test images a recipe trains on: the same for the engine and for
    /// <c>shapednn train</c> (and its worker processes), so that they agree on every result.
    /// </summary>
    /// <param name="dataset">The loaded dataset.</param>
    /// <param name="recipe">The recipe whose counts are applied.</param>
    /// <param name="adjusted">Told (as an SDNN022 warning) each count the dataset cannot give as asked, so that nothing changes silently.</param>
    /// <exception cref="ShapeDnnException">
    /// SDNN011 when the images cannot be searched (<see cref="Limits.ImageProblem"/>: the one geometry rule, also behind
    /// <c>shapes --input</c>) or the dataset is too small to hold out one validation image and train on another.
    /// </exception>
    public static DatasetSplit SplitFor(LoadedDataset dataset, TrainingRecipe recipe, Action<string>? adjusted = null)
    {
        CheckTrainable(dataset);
        int available = dataset.Train.Count;
        int validation = ValidationCount(available, recipe);
        string Warn(string what) => $"{ErrorCode.BudgetAdjusted.ToCodeString()}: {what}";
        if (validation < recipe.ValidationCount)
            adjusted?.Invoke(Warn($"the budget asks for {recipe.ValidationCount:N0} validation images but at most a sixth of the {available:N0} training images is held out: {validation:N0} are."));
        int? train = recipe.TrainSubset is { } subset ? Math.Min(subset, available - validation) : null;
        if (recipe.TrainSubset is { } asked && asked > available - validation)
            adjusted?.Invoke(Warn($"the budget asks for subset={asked:N0} training images but only {available - validation:N0} are left after validation; all of them are used."));
        int? test = recipe.TestSubset is { } t ? Math.Min(t, dataset.Test.Count) : null;
        if (recipe.TestSubset is { } askedTest && askedTest > dataset.Test.Count)
            adjusted?.Invoke(Warn($"the budget asks for test={askedTest:N0} test images but the dataset holds {dataset.Test.Count:N0}; all of them are used."));
        return DatasetSplitter.Split(dataset, new SplitOptions(validation, recipe.Seed, train, test));
    }

    /// <summary>Checks that <paramref name="dataset"/> can be trained on: the one image-geometry rule (<see cref="Limits.ImageProblem"/>, also behind <c>shapes --input</c>) and enough images to hold out validation.</summary>
    /// <exception cref="ShapeDnnException">SDNN011 naming what is wrong.</exception>
    public static void CheckTrainable(LoadedDataset dataset)
    {
        var shape = dataset.Train.Shape;
        if (Limits.ImageProblem(shape.Channels, shape.Height, shape.Width) is { } geometry)
            throw new ShapeDnnException(ErrorCode.DatasetMalformed, $"The dataset cannot be searched: its {geometry}. Use a dataset of larger images.");
        int available = dataset.Train.Count;
        if (available < MinTrainingImages)
            throw new ShapeDnnException(ErrorCode.DatasetMalformed,
                $"The dataset holds {available} training image{(available == 1 ? "" : "s")}; a search needs at least {MinTrainingImages}, so that a sixth can be held out for validation. Use a larger dataset.");
    }

    /// <summary>Fewest training images: one validation image (a sixth) and five to train on.</summary>
    private const int MinTrainingImages = 6;

    // Never hold out more than a sixth of the training images, so that small datasets still train.
    private static int ValidationCount(int available, TrainingRecipe recipe) => Math.Min(recipe.ValidationCount, available / 6);

    internal static double Cost(ShapeProfile p, Goal goal) => goal switch
    {
        Goal.MinimizeLatency => p.Latency!.MedianMilliseconds,
        Goal.MinimizeEnergy => p.Energy!.Millijoules,
        _ => p.Plan.ParameterCount,
    };

    private static void PrepareCache(string folder, TrainedShapeCache cache)
    {
        try
        {
            Directory.CreateDirectory(folder);
            cache.RemoveStaleTemporaries(TimeSpan.FromHours(1));
            cache.EnsureWritable();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ShapeDnnException(ErrorCode.CacheNotWritable, $"The cache folder '{folder}' cannot be created or written: {ex.Message}. Set --cache (ShapeDnnCacheDir) to a writable folder.", ex);
        }
    }
}
