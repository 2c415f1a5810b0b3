using ShapeDnn.Profiles;
using ShapeDnn.Training;

namespace ShapeDnn.Reporting.Html.Tests;

/// <summary>Hand-built reports: exactly the rows a test needs, nothing else.</summary>
internal static class Reports
{
    public static string Fixture => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "FashionModel.report.json");

    public static ShapeRow Row(string name, long parameters, double? latencyMs = null, bool feasible = true, double? predicted = null, double? std = null,
        double? measured = null, int epochs = 3, int? trainedEpochs = null, string? stop = null, FigureSource latencySource = FigureSource.Measured)
    {
        var parts = name.Split('-');
        return new ShapeRow
        {
            Name = name, Depth = int.Parse(parts[1]), Width = double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture),
            Parameters = parameters, SizeBytes = parameters * 4, MultiplyAccumulates = parameters * 100,
            Latency = latencyMs is { } ms ? new LatencyMeasurement(ms, ms * 0.9, ms * 1.1, 20, 1, "cpu", latencySource) : null,
            Feasible = feasible, ExcludedBy = feasible ? null : "MaxLatency: too slow",
            PredictedAccuracy = predicted, PredictedAccuracyStd = std,
            Training = measured is { } acc
                ? new TrainingRow(1, "initial sample", null, null, acc, acc - 0.01, 10, 100, false,
                    Enumerable.Range(1, trainedEpochs ?? epochs).Select(e => new EpochStatistics(e, 1.0 / e, acc * e / (trainedEpochs ?? epochs), 3, 0)).ToList())
                { TrainedEpochs = trainedEpochs, TrainingStop = stop }
                : null,
        };
    }

    public static SearchReport Of(string goal, string constraints, IReadOnlyList<ShapeRow> rows, string chosen, string[]? runnersUp = null, int epochs = 3) => new(
        "0.1.0", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        new DatasetSummary("/data/<fashion>", "mnist-idx", "abc", 1, 28, 28, 10, 1000, 300, 300),
        new RequestSummary(constraints, goal, "quick", epochs, null, 4, "depths=10,16;widths=1,2", 1, true),
        new DeviceSummary("cpu", "cpu latency", "estimate", true),
        new SearchSummary(rows.Count, rows.Count(r => r.Feasible), rows.Count(r => r.Training is not null), 1, 0, "BudgetSpent", "budget spent", 1, 2, 3),
        ProfilingSummary.None,
        rows.First(r => r.Name == chosen),
        (runnersUp ?? []).Select(n => rows.First(r => r.Name == n)).ToList(),
        rows,
        new OutputSummary("/out/Model.onnx", "/out/Model.g.cs", "/out/Model.report.json"));
}
