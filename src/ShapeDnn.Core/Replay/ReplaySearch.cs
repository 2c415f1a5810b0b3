using System.Globalization;
using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Filtering;
using ShapeDnn.Profiles;
using ShapeDnn.Search;

namespace ShapeDnn.Replay;

/// <summary>
/// The real search — the same filter, predictor, acquisition, stopping and early stopping as
/// <c>shapednn search</c> — with training replaced by a ground truth: a shape run for k of E epochs
/// costs k/E of its <c>trainSeconds</c> and reveals the first k values of its validation curve;
/// latency and energy come from the file. Deterministic, CPU only, milliseconds per case.
/// </summary>
public static class ReplaySearch
{
    /// <summary>Replays one search.</summary>
    /// <exception cref="ShapeDnnException">SDNN026 for a malformed file or one that does not cover the space; SDNN013/014 as the search would give them.</exception>
    public static ReplayResult Run(ReplayRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Parallel < 1) throw new ShapeDnnException(ErrorCode.BadOption, $"--parallel must be at least 1, not {request.Parallel}.");
        string source = Path.GetFileName(request.GroundTruthPath);
        var all = GroundTruthFile.Load(request.GroundTruthPath);
        var budget = request.Budget ?? Training.TrainingBudget.Standard;
        int seed = budget.Recipe.Seed;
        var records = all.Where(r => r.Seed == seed).ToDictionary(r => r.Shape);
        if (records.Count == 0)
            throw Error(source, $"has no line with seed {seed} (seeds in the file: {string.Join(", ", all.Select(r => r.Seed).Distinct().Order())})");
        int epochs = records.Values.First().Epochs;
        if (records.Values.Any(r => r.Epochs != epochs))
            throw Error(source, $"mixes recipes of {string.Join(" and ", records.Values.Select(r => r.Epochs).Distinct().Order())} epochs for seed {seed}; a replay needs one recipe");
        if (budget.Name == "custom" && budget.Recipe.Epochs != epochs && budget.Recipe.Epochs != Training.TrainingBudget.Standard.Recipe.Epochs)
            throw Error(source, $"was trained for {epochs} epochs, but --budget asks for {budget.Recipe.Epochs}");

        var shapes = SpaceOf(request, records, source);
        foreach (var shape in shapes)
        {
            long analytic = NetworkFamilies.Plan(shape, request.Input).ParameterCount;
            if (analytic != records[shape].Parameters)
                throw Error(source, $"says {shape.Name} has {records[shape].Parameters:N0} parameters, but on {request.Input} it has {analytic:N0}: give --input and --classes of the data it was trained on");
        }

        var profiler = new GroundTruthProfiler(records, source);
        var filter = new FeasibilityFilter(profiler, profiler, request.BatchSize);
        var profiles = filter.Apply(shapes, request.Input, request.Constraints, request.Goal, cancellationToken);
        var feasible = profiles.Where(p => p.Feasible).ToList();
        var cost = feasible.ToDictionary(p => p.Shape, p => SearchEngine.Cost(p, request.Goal));
        // The same settings as the real search: a predicted latency is measured (read from the file) before training.
        var settings = new SearchSettings(epochs, budget.ShapesFor(feasible.Count, request.Parallel))
        {
            MeasureCost = filter.Measurer is { } measurer
                ? shape => MeasureBeforeTraining.Measure(profiles.First(p => p.Shape == shape), measurer, request.Goal, request.Constraints, cost, null, cancellationToken)
                : null,
            MonotoneTolerance = MonotoneBounds.ToleranceFor(budget.Recipe),
            JoinProbability = request.JoinProbability ?? ShapeSearch.JoinProbability,
        };
        // Trained on a GPU (the file's device says so) or a CPU: the training-cost proxy differs.
        bool onGpu = records.Values.Any(r => TrainingCostProxy.IsGpu(r.Device));
        var search = new ShapeSearch(SearchCandidates.From(feasible, cost, request.Goal, onGpu),
            request.Goal, request.Constraints.MinAccuracy, settings);

        double spent = 0;
        EvaluationResult Train(ShapeProposal proposal)
        {
            var record = records[proposal.Shape];
            var curve = new List<double>();
            string? stopped = null;
            while (curve.Count < epochs && stopped is null)
            {
                curve.Add(record.ValidationCurve[curve.Count]);
                spent += record.TrainSeconds / epochs;
                stopped = proposal.Stop.ShouldStop(curve);
            }
            return EvaluationResult.FromCurve(curve, curve.Count == epochs, stopped);
        }
        var outcome = search.Run(batch => batch.Select(Train).ToList(), request.Parallel, cancellationToken);
        var truth = TrueFigures(shapes, records, request);
        var exhaustive = truth.Where(t => t.Feasible).ToList();
        var best = ExhaustiveChoice(exhaustive, request.Goal, request.Constraints.MinAccuracy);
        TrainedShape chosen;
        try
        {
            chosen = ChoiceOnMeasuredFigures.Settle(outcome, cost, profiles, filter.Measurer, request.Goal, request.Constraints.MinAccuracy, new QuietObserver(), cancellationToken);
        }
        catch (ShapeDnnException ex) when (ex.Code == ErrorCode.AccuracyNotReached)
        {
            // A replay that gives up still says what it trained and spent, so that a give-up can be judged and counted.
            throw new ShapeDnnException(ex.Code, $"{ex.Message} Replay: trained {string.Join(" ", outcome.Trained.Select(t => $"{t.Shape.Name}:{t.Epochs}"))}; " +
                $"training {spent.ToString("0.0", CultureInfo.InvariantCulture)} s of {exhaustive.Sum(t => t.Record.TrainSeconds).ToString("0.0", CultureInfo.InvariantCulture)} s exhaustive; " +
                $"exhaustive search chooses {best?.Record.Shape.Name ?? "nothing"}.", ex);
        }

        return new ReplayResult(
            chosen.Shape.Name,
            outcome.Trained.Select(t => new ReplayTraining(t.Shape.Name, t.Epochs) { Why = t.Why, Stopped = t.StoppedBecause, Round = t.Batch }).ToList(),
            spent,
            exhaustive.Sum(t => t.Record.TrainSeconds),
            outcome.StopReason.ToString())
        {
            ExhaustiveChoice = best?.Record.Shape.Name,
            ChosenMetric = truth.First(t => t.Record.Shape == chosen.Shape).Metric,
            ExhaustiveMetric = best?.Metric,
            ChosenValidationAccuracy = records[chosen.Shape].ValidationAccuracy,
            FeasibleShapes = exhaustive.Count,
            Rounds = outcome.Trained.Select(t => t.Batch).DefaultIfEmpty(0).Max(),
            RoundSeconds = outcome.Trained.GroupBy(t => t.Batch).Sum(round => round.Max(t => records[t.Shape].TrainSeconds * t.Epochs / epochs)),
        };
    }

    private static List<Shape> SpaceOf(ReplayRequest request, Dictionary<Shape, GroundTruthRecord> records, string source)
    {
        if (request.Space is null) return records.Keys.OrderBy(s => s.Depth).ThenBy(s => s.Width).ToList();
        var shapes = request.Space.Shapes.ToList();
        var missing = shapes.Where(s => !records.ContainsKey(s)).ToList();
        if (missing.Count > 0)
            throw Error(source, $"has no line for {string.Join(", ", missing.Take(8).Select(s => s.Name))}{(missing.Count > 8 ? $" and {missing.Count - 8} more" : "")} of the design space '{request.Space}': narrow --design-space to shapes the file holds");
        return shapes;
    }

    /// <summary>Every shape's figures straight from the file: what exhaustive search would see.</summary>
    private static List<(GroundTruthRecord Record, bool Feasible, double Metric)> TrueFigures(IEnumerable<Shape> shapes, Dictionary<Shape, GroundTruthRecord> records, ReplayRequest request)
    {
        var limits = request.Constraints;
        var list = new List<(GroundTruthRecord, bool, double)>();
        foreach (var shape in shapes)
        {
            var r = records[shape];
            var plan = NetworkFamilies.Plan(shape, request.Input);
            double? latency = r.LatencyMilliseconds.TryGetValue(request.BatchSize, out double l) ? l : null;
            double? energy = r.EnergyMillijoules.TryGetValue(request.BatchSize, out double e) ? e : null;
            bool feasible = !(limits.MaxParameters is { } p && plan.ParameterCount > p)
                && !(limits.MaxSizeBytes is { } b && plan.Fp32SizeBytes > b)
                && !(limits.MaxLatencyMilliseconds is { } ml && latency > ml)
                && !(limits.MaxEnergyMillijoules is { } me && energy > me);
            double metric = request.Goal switch
            {
                Goal.MinimizeLatency => latency ?? double.NaN,
                Goal.MinimizeEnergy => energy ?? double.NaN,
                Goal.MaximizeAccuracy => r.ValidationAccuracy,
                _ => plan.ParameterCount,
            };
            list.Add((r, feasible, metric));
        }
        return list;
    }

    private static (GroundTruthRecord Record, bool Feasible, double Metric)? ExhaustiveChoice(List<(GroundTruthRecord Record, bool Feasible, double Metric)> feasible, Goal goal, double? minAccuracy)
    {
        var qualifying = feasible.Where(t => minAccuracy is null || t.Record.ValidationAccuracy >= minAccuracy).ToList();
        if (qualifying.Count == 0) return null;
        return goal == Goal.MaximizeAccuracy
            ? qualifying.OrderByDescending(t => t.Metric).ThenBy(t => t.Record.Parameters).First()
            : qualifying.OrderBy(t => t.Metric).ThenByDescending(t => t.Record.ValidationAccuracy).First();
    }

    private static ShapeDnnException Error(string source, string what) => new(ErrorCode.BadGroundTruth, $"Ground truth '{source}' {what}.");

    /// <summary>The replay prints nothing while it runs.</summary>
    private sealed class QuietObserver : ISearchObserver;
}
