using ShapeDnn.Profiles;
using ShapeDnn.Reporting;
using ShapeDnn.Search;

namespace ShapeDnn.Engine;

/// <summary>One report row per shape of the space: its profile, the filter's verdict, the final prediction and, for trained shapes, the training.</summary>
internal static class ReportRows
{
    public static ShapeRow For(ShapeProfile p, SearchOutcome outcome, IReadOnlyDictionary<DesignSpace.Shape, ShapeRun> runs)
    {
        var trained = outcome.Trained.FirstOrDefault(t => t.Shape == p.Shape);
        bool predicted = outcome.FinalPredictions.TryGetValue(p.Shape, out var prediction);
        var run = trained is null ? null : runs[p.Shape];
        return new ShapeRow
        {
            Name = p.Shape.Name,
            Family = p.Shape.Family,
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
            TrainingSkipped = outcome.Skipped.FirstOrDefault(x => x.Shape == p.Shape)?.Reason,
            Training = trained is null || run is null ? null : new TrainingRow(trained.Round, trained.Why, trained.PredictedBefore?.Mean, trained.PredictedBefore?.StandardDeviation,
                trained.ValidationAccuracy, run.Metrics.TestAccuracy, run.Metrics.TrainingSeconds, run.Metrics.ImagesPerSecond, run.FromCache, run.Metrics.Epochs.Take(trained.Epochs).ToList())
            {
                BatchSize = run.Metrics.BatchSize > 0 ? run.Metrics.BatchSize : null,
                Note = run.Metrics.Note,
                TrainedEpochs = trained.Epochs,
                TrainingStop = trained.Completed ? "full budget" : trained.StoppedBecause,
            },
        };
    }
}
