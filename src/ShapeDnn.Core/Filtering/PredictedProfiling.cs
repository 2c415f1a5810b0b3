using System.Globalization;
using ShapeDnn.Constraints;
using ShapeDnn.Profiles;
using ShapeDnn.Profiles.Prediction;

namespace ShapeDnn.Filtering;

/// <summary>
/// Profiles a large space without measuring every shape: measures a space-filling sample, fits
/// latency (and measured energy) over the space, checks the fit on held-out measured shapes, and
/// then measures exactly every shape the decision depends on — those predicted within the margin of
/// a limit, and for a latency or energy goal those that may be the cheapest. The rest keep
/// <see cref="FigureSource.Predicted"/> figures.
/// </summary>
internal static class PredictedProfiling
{
    public static ProfilingSummary Run(ProfilingRun run, IReadOnlyList<ShapeProfile> candidates, Goal goal, PredictionOptions options, CancellationToken cancellationToken)
    {
        // 1. The sample, cheapest first so that dominance can spare the largest shapes.
        int size = Math.Clamp((int)Math.Ceiling(options.SampleFraction * candidates.Count), options.MinSample, candidates.Count);
        var order = SpaceFillingSample.Select(candidates.Select(c => c.Shape).ToList(), size).ToList();
        var sample = order.Select(s => candidates.First(c => c.Shape == s)).ToList();
        foreach (var p in sample.OrderBy(p => p.Plan.MultiplyAccumulates)) run.MeasureAndJudge(p, cancellationToken);
        var measured = sample.Where(p => p.Latency is { Source: FigureSource.Measured }).ToList();

        // 2. Hold out interior shapes spread over the picking order; the extremes always train.
        var interior = measured.Where(p => order.IndexOf(p.Shape) >= SpaceFillingSample.Extremes).ToList();
        int holdCount = Math.Max(options.MinHoldOut, (int)Math.Round(options.HoldOutFraction * measured.Count));
        if (measured.Count - holdCount < FigureModel.MinimumPoints || interior.Count < holdCount)
            return MeasureRest(run, candidates, sample.Count, $"measured every shape: too few sample shapes could be measured to fit and check a prediction ({measured.Count})", cancellationToken);
        var heldOut = Enumerable.Range(0, holdCount).Select(k => interior[(int)((k + 0.5) * interior.Count / holdCount)]).Distinct().ToList();
        var training = measured.Where(p => !heldOut.Contains(p)).ToList();

        var latencyCheck = Check(training, heldOut, p => p.Latency!.MedianMilliseconds);
        bool fitEnergy = run.NeedEnergy && !run.Measurer.EnergyMeter.IsEstimate && measured.All(p => p.Energy is { Source: FigureSource.Measured });
        var energyCheck = fitEnergy ? Check(training, heldOut, p => p.Energy!.Millijoules) : ([], null, null);
        double worst = Math.Max(latencyCheck.Max ?? 0, energyCheck.Max ?? 0);
        double margin = Math.Max(options.MinMargin, options.SafetyFactor * worst);
        if (margin > options.MaxMargin)
        {
            var rest = MeasureRest(run, candidates, sample.Count,
                $"measured every shape: the prediction's hold-out error ({Formats.Percent(worst)}) is too large to decide on", cancellationToken);
            return rest with { LatencyHoldOut = latencyCheck.Points, LatencyMedianError = latencyCheck.Median, LatencyMaxError = latencyCheck.Max,
                EnergyHoldOut = energyCheck.Points, EnergyMedianError = energyCheck.Median, EnergyMaxError = energyCheck.Max };
        }

        // 3. Predict the rest with fits over every measured shape.
        var latencyModel = FigureModel.Fit(measured.Select(p => (p.Plan, p.Latency!.MedianMilliseconds)).ToList());
        var energyModel = fitEnergy ? FigureModel.Fit(measured.Select(p => (p.Plan, p.Energy!.Millijoules)).ToList()) : null;
        string energyMethod = string.Create(CultureInfo.InvariantCulture,
            $"predicted: fitted to {measured.Count} measured shapes (hold-out error median {Formats.Percent(energyCheck.Median ?? 0)}, max {Formats.Percent(energyCheck.Max ?? 0)})");
        foreach (var p in candidates.Where(p => p.Feasible && p.Latency is null))
        {
            if (run.ExcludeIfDominated(p)) continue;
            double ms = latencyModel.Predict(p.Plan);
            var device = measured[0].Latency!.Device;
            p.Latency = new LatencyMeasurement(ms, ms / (1 + margin), ms * (1 + margin), 0, measured[0].Latency!.BatchSize, device, FigureSource.Predicted);
            if (run.NeedEnergy)
                p.Energy = energyModel is not null ? new EnergyFigure(energyModel.Predict(p.Plan), FigureSource.Predicted, energyMethod)
                    : run.Measurer.EnergyMeter.Energy(p.Plan, p.Latency);
        }

        // 4. Measure exactly what the decision rests on: shapes near a limit, then possible cheapest shapes.
        foreach (var p in candidates.Where(IsPredicted).OrderBy(p => p.Latency!.MedianMilliseconds).ToList())
            if (p.Feasible && LimitCheck.JudgePredicted(p, run.Limits, margin) == Verdict.Near)
                run.MeasureAndJudge(p, cancellationToken);
        if (goal is Goal.MinimizeLatency or Goal.MinimizeEnergy) MeasureCheapest(run, candidates, goal, margin, cancellationToken);
        // A measured shape over a limit outranks any prediction for the shapes that dominate it.
        foreach (var p in candidates.Where(p => p.Feasible && IsPredicted(p))) run.ExcludeIfDominated(p);

        return new ProfilingSummary(
            string.Create(CultureInfo.InvariantCulture,
                $"predicted from a space-filling sample of {sample.Count} shapes ({heldOut.Count} held out to check the fit); shapes within ±{Formats.Percent(margin)} of a limit{(goal is Goal.MinimizeLatency or Goal.MinimizeEnergy ? " or of the cheapest" : "")} measured exactly"),
            candidates.Count(p => p.Latency is { Source: FigureSource.Measured }),
            candidates.Count(IsPredicted),
            candidates.Count(p => p.Latency is null),
            run.Measurer.Unmeasurable,
            sample.Count,
            margin,
            latencyCheck.Points, latencyCheck.Median, latencyCheck.Max,
            energyCheck.Points, energyCheck.Median, energyCheck.Max);
    }

    /// <summary>Measures every feasible shape that may be the cheapest under the goal's figure, until none is left.</summary>
    private static void MeasureCheapest(ProfilingRun run, IReadOnlyList<ShapeProfile> candidates, Goal goal, double margin, CancellationToken cancellationToken)
    {
        double Cost(ShapeProfile p) => goal == Goal.MinimizeLatency ? p.Latency!.MedianMilliseconds : p.Energy!.Millijoules;
        while (true)
        {
            var feasible = candidates.Where(p => p.Feasible && p.Latency is not null).ToList();
            if (feasible.Count == 0) return;
            double bestUpper = feasible.Min(p => IsExact(p, goal) ? Cost(p) : Cost(p) * (1 + margin));
            var open = feasible.Where(p => !IsExact(p, goal) && Cost(p) / (1 + margin) <= bestUpper).OrderBy(Cost).ToList();
            if (open.Count == 0) return;
            foreach (var p in open) run.MeasureAndJudge(p, cancellationToken);
        }
    }

    private static bool IsPredicted(ShapeProfile p) => p.Latency is { Source: FigureSource.Predicted };

    /// <summary>Whether the goal's figure of <paramref name="p"/> rests on a measurement (an estimate from a measured latency counts).</summary>
    internal static bool IsExact(ShapeProfile p, Goal goal) =>
        p.Latency is { Source: FigureSource.Measured } && (goal != Goal.MinimizeEnergy || p.Energy is { Source: not FigureSource.Predicted });

    private static (IReadOnlyList<HoldOutPoint> Points, double? Median, double? Max) Check(
        List<ShapeProfile> training, List<ShapeProfile> heldOut, Func<ShapeProfile, double> figure)
    {
        var model = FigureModel.Fit(training.Select(p => (p.Plan, figure(p))).ToList());
        var points = heldOut.Select(p => new HoldOutPoint(p.Shape.Name, figure(p), model.Predict(p.Plan))).ToList();
        var errors = points.Select(p => p.RelativeError).Order().ToArray();
        return (points, LatencyStatistics.Quantile(errors, 0.5), errors[^1]);
    }

    private static ProfilingSummary MeasureRest(ProfilingRun run, IReadOnlyList<ShapeProfile> candidates, int sampleSize, string method, CancellationToken cancellationToken)
    {
        foreach (var p in candidates.Where(p => p.Feasible && p.Latency is not { Source: FigureSource.Measured }).OrderBy(p => p.Plan.MultiplyAccumulates).ToList())
            run.MeasureAndJudge(p, cancellationToken);
        return FullProfiling.Summary(run, candidates, method) with { SampleSize = sampleSize };
    }
}
