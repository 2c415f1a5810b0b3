using ShapeDnn.Constraints;

namespace ShapeDnn.Reporting.Html.Page;

/// <summary>
/// What the HTML report shows, computed from a <see cref="SearchReport"/> alone: the trade-off points
/// with their kind and role, the Pareto front, the feasible region, the accuracy map and the learning
/// curves. Pure, so that the page's logic is tested without rendering anything.
/// </summary>
public sealed record ReportPage(
    SearchReport Report,
    Goal Goal,
    ConstraintSet Limits,
    GoalAxis Axis,
    IReadOnlyList<ShapePoint> Points,
    IReadOnlyList<ShapePoint> Front,
    FeasibleRegion Region,
    AccuracyMap Map,
    IReadOnlyList<LearningCurve> Curves)
{
    /// <summary>The model name, from the output file names.</summary>
    public string ModelName => Path.GetFileNameWithoutExtension(Report.Outputs.Onnx);

    /// <summary>Builds the page for <paramref name="report"/>.</summary>
    public static ReportPage From(SearchReport report)
    {
        var goal = GoalParser.Parse(report.Request.Goal);
        // The report holds the canonical text of the constraints; "(none)" is how it writes no limit.
        var limits = report.Request.Constraints is "(none)" ? ConstraintSet.None : ConstraintParser.Parse(report.Request.Constraints);
        var axis = GoalAxis.For(goal, limits, report.Shapes, report.Request.BatchSize);
        var ranks = new Dictionary<string, int> { [report.Chosen.Name] = 1 };
        foreach (var (r, i) in report.RunnersUp.Select((r, i) => (r, i))) ranks.TryAdd(r.Name, i + 2);
        ShapeRole RoleOf(ShapeRow r) => ranks.TryGetValue(r.Name, out int rank) ? rank == 1 ? ShapeRole.Chosen : ShapeRole.RunnerUp : ShapeRole.Other;

        var points = new List<ShapePoint>();
        foreach (var row in report.Shapes)
        {
            if (axis.ValueOf(row) is not { } x) continue; // not profiled on this figure: nowhere to put it
            var (accuracy, std, kind) = row.Training is { } t ? (t.ValidationAccuracy, (double?)null, AccuracyKind.Measured)
                : row.PredictedAccuracy is { } p ? (p, row.PredictedAccuracyStd, AccuracyKind.Predicted)
                : ((double?)null, (double?)null, AccuracyKind.None);
            points.Add(new ShapePoint(row.Name, x.Value, x.Source, accuracy, std, kind, RoleOf(row), ranks.GetValueOrDefault(row.Name)));
        }

        var curves = report.Shapes.Where(r => r.Training is { Epochs.Count: > 0 })
            .OrderBy(r => r.Training!.Round)
            .Select(r => CurveOf(r, report.Request.Epochs, RoleOf(r)))
            .ToList();
        return new ReportPage(report, goal, limits, axis, points, ParetoFront.Of(points), new FeasibleRegion(axis.Limit, limits.MinAccuracy),
            AccuracyMap.From(report.Chosen.Family, report.Shapes, RoleOf), curves);
    }

    private static LearningCurve CurveOf(ShapeRow row, int recipeEpochs, ShapeRole role)
    {
        var t = row.Training!;
        var points = t.Epochs.OrderBy(e => e.Epoch).Select(e => (e.Epoch, e.ValidationAccuracy)).ToList();
        int trained = t.TrainedEpochs ?? points.Count;
        return new LearningCurve(row.Name, points, trained < recipeEpochs, t.TrainingStop, role);
    }
}
