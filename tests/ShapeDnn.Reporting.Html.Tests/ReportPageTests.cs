using ShapeDnn.Constraints;
using ShapeDnn.Profiles;
using ShapeDnn.Reporting.Html.Page;
using static ShapeDnn.Reporting.Html.Tests.Reports;

namespace ShapeDnn.Reporting.Html.Tests;

/// <summary>What the page shows, computed from the report alone: no rendering.</summary>
public class ReportPageTests
{
    private static readonly ShapeRow[] LatencyRows =
    [
        Row("WRN-10-1", 80_000, latencyMs: 0.2, measured: 0.40),
        Row("WRN-10-2", 300_000, latencyMs: 0.6, predicted: 0.45, std: 0.02),
        Row("WRN-16-1", 170_000, latencyMs: 0.4, measured: 0.38),              // slower and less accurate than WRN-10-1: dominated
        Row("WRN-16-2", 700_000, latencyMs: 1.5, measured: 0.52),
        Row("WRN-22-2", 1_100_000, latencyMs: 2.2, measured: 0.49),            // dominated by WRN-16-2
        Row("WRN-22-4", 4_000_000, latencyMs: 9.0, feasible: false),           // excluded: no accuracy
        Row("WRN-10-4", 1_200_000, latencyMs: 0.9, predicted: 0.60, std: 0.05), // predicted: never on the measured front
    ];

    private static ReportPage LatencyPage() =>
        ReportPage.From(Of("MinimizeLatency", "MaxLatency=3ms; MinAccuracy=45%", LatencyRows, chosen: "WRN-16-2", runnersUp: ["WRN-22-2"]));

    [Test]
    public void Should_tell_measured_predicted_and_unpredicted_shapes_apart()
    {
        var page = LatencyPage();
        var kinds = page.Points.ToDictionary(p => p.Name, p => p.Kind);

        Assert.That(kinds["WRN-10-1"], Is.EqualTo(AccuracyKind.Measured));
        Assert.That(kinds["WRN-10-2"], Is.EqualTo(AccuracyKind.Predicted));
        Assert.That(kinds["WRN-22-4"], Is.EqualTo(AccuracyKind.None));
        var predicted = page.Points.Single(p => p.Name == "WRN-10-2");
        Assert.That((predicted.Accuracy, predicted.AccuracyStd), Is.EqualTo((0.45, 0.02)));
        Assert.That(page.Points.Single(p => p.Name == "WRN-16-2").Accuracy, Is.EqualTo(0.52), "a trained shape shows its measured accuracy");
    }

    [Test]
    public void Should_draw_the_front_through_the_measured_shapes_no_other_beats()
    {
        var front = LatencyPage().Front.Select(p => p.Name);

        Assert.That(front, Is.EqualTo(new[] { "WRN-10-1", "WRN-16-2" }));
    }

    [Test]
    public void Should_keep_only_the_most_accurate_of_equally_costly_shapes_on_the_front()
    {
        var points = new[]
        {
            new ShapePoint("A", 1, null, 0.5, null, AccuracyKind.Measured, ShapeRole.Other, 0),
            new ShapePoint("B", 1, null, 0.6, null, AccuracyKind.Measured, ShapeRole.Other, 0),
            new ShapePoint("C", 2, null, 0.6, null, AccuracyKind.Measured, ShapeRole.Other, 0), // costs more for the same accuracy
            new ShapePoint("D", 3, null, 0.7, null, AccuracyKind.Measured, ShapeRole.Other, 0),
        };

        Assert.That(ParetoFront.Of(points).Select(p => p.Name), Is.EqualTo(new[] { "B", "D" }));
    }

    [Test]
    public void Should_shade_the_region_the_limits_on_the_axes_allow()
    {
        var page = LatencyPage();

        Assert.That(page.Region, Is.EqualTo(new FeasibleRegion(3.0, 0.45)));
        Assert.That(page.Region.Contains(1.5, 0.52), Is.True);
        Assert.That(page.Region.Contains(3.5, 0.52), Is.False, "over MaxLatency");
        Assert.That(page.Region.Contains(1.5, 0.40), Is.False, "under MinAccuracy");
        Assert.That(new FeasibleRegion(null, null).IsBounded, Is.False);
    }

    [Test]
    public void Should_label_the_chosen_shape_and_the_runners_up_by_rank()
    {
        var roles = LatencyPage().Points.Where(p => p.Role != ShapeRole.Other).Select(p => (p.Name, p.Role, p.Rank));

        Assert.That(roles, Is.EquivalentTo(new[] { ("WRN-16-2", ShapeRole.Chosen, 1), ("WRN-22-2", ShapeRole.RunnerUp, 2) }));
    }

    [TestCase("MinimizeLatency", "MaxLatency=3ms", "MaxLatency", 3.0, 1.5)]
    [TestCase("MinimizeSize", "MaxParameters=1000000", "MaxParameters", 1_000_000.0, 700_000.0)]
    [TestCase("MinimizeEnergy", "MaxEnergy=20mJ", "MaxEnergy", 20.0, 7.0)]
    [TestCase("MaximizeAccuracy", "MaxLatency=3ms", "MaxLatency", 3.0, 1.5)]
    public void Should_put_the_goal_figure_and_its_limit_on_the_horizontal_axis(string goal, string constraints, string limitName, double limit, double chosenX)
    {
        var rows = LatencyRows.Select(r => r with { Energy = new EnergyFigure(r.Latency!.MedianMilliseconds * 10 - 8, FigureSource.Estimated, "estimate") }).ToArray();
        var page = ReportPage.From(Of(goal, constraints, rows, chosen: "WRN-16-2"));

        Assert.That((page.Axis.LimitName, page.Axis.Limit), Is.EqualTo((limitName, (double?)limit)));
        Assert.That(page.Points.Single(p => p.Role == ShapeRole.Chosen).X, Is.EqualTo(chosenX).Within(1e-9));
    }

    [Test]
    public void Should_fall_back_to_parameters_for_maximize_accuracy_when_latency_was_not_profiled()
    {
        var rows = LatencyRows.Select(r => r with { Latency = null }).ToArray();
        var page = ReportPage.From(Of("MaximizeAccuracy", "(none)", rows, chosen: "WRN-16-2"));

        Assert.That(page.Axis.LimitName, Is.EqualTo("MaxParameters"));
        Assert.That(page.Limits, Is.EqualTo(ConstraintSet.None));
        Assert.That(page.Points, Has.Count.EqualTo(rows.Length), "every shape has a parameter count");
        Assert.That(page.Region.IsBounded, Is.False);
    }

    [Test]
    public void Should_leave_out_shapes_that_have_no_figure_on_the_axis()
    {
        var rows = LatencyRows.Select(r => r.Name == "WRN-22-4" ? r with { Latency = null } : r).ToArray();
        var page = ReportPage.From(Of("MinimizeLatency", "MaxLatency=3ms", rows, chosen: "WRN-16-2"));

        Assert.That(page.Points.Select(p => p.Name), Does.Not.Contain("WRN-22-4"));
    }

    [Test]
    public void Should_mark_a_curve_that_stopped_before_the_recipes_last_epoch()
    {
        ShapeRow[] rows =
        [
            Row("WRN-10-1", 80_000, measured: 0.30, epochs: 5, trainedEpochs: 2, stop: "stopped early: cannot reach MinAccuracy"),
            Row("WRN-16-2", 700_000, measured: 0.52, epochs: 5, trainedEpochs: 5, stop: "full budget"),
            Row("WRN-16-1", 170_000, measured: 0.48, epochs: 5), // a report written before early stopping: no TrainedEpochs
        ];
        var curves = ReportPage.From(Of("MinimizeSize", "MinAccuracy=45%", rows, chosen: "WRN-16-2", epochs: 5)).Curves.ToDictionary(c => c.Name);

        Assert.That(curves["WRN-10-1"].StoppedEarly, Is.True);
        Assert.That(curves["WRN-10-1"].Points, Has.Count.EqualTo(2));
        Assert.That(curves["WRN-10-1"].Stop, Is.EqualTo("stopped early: cannot reach MinAccuracy"));
        Assert.That(curves["WRN-16-2"].StoppedEarly, Is.False);
        Assert.That(curves["WRN-16-1"].StoppedEarly, Is.False);
    }

    [Test]
    public void Should_lay_the_predictions_out_over_depth_and_width_with_the_trained_shapes()
    {
        var map = LatencyPage().Map;

        Assert.That(map.Depths, Is.EqualTo(new[] { 10, 16, 22 }));
        Assert.That(map.Widths, Is.EqualTo(new[] { 1.0, 2.0, 4.0 }));
        Assert.That(map.Predicted[1, 0], Is.EqualTo(0.45), "WRN-10-2");
        Assert.That(map.Predicted[2, 2], Is.Null, "WRN-22-4 was excluded: no prediction");
        Assert.That(map.Predicted[0, 2], Is.Null, "WRN-22-1 is not in the space");
        Assert.That(map.Trained.Select(t => t.Name), Is.EquivalentTo(new[] { "WRN-10-1", "WRN-16-1", "WRN-16-2", "WRN-22-2" }));
        Assert.That(map.Trained.Single(t => t.Role == ShapeRole.Chosen).Name, Is.EqualTo("WRN-16-2"));
    }

    [Test]
    public void Should_read_the_fixture_of_a_real_search_as_measured_and_predicted_points()
    {
        var page = ReportPage.From(SearchReportFile.Read(Fixture));

        Assert.That(page.Points.Count(p => p.Kind == AccuracyKind.Measured), Is.EqualTo(page.Report.Search.TrainedShapes));
        Assert.That(page.Front, Is.Not.Empty.And.All.Matches<ShapePoint>(p => p.Kind == AccuracyKind.Measured));
        foreach (var p in page.Front)
            Assert.That(page.Points.Where(q => q.Kind == AccuracyKind.Measured && q != p).Any(q => q.X <= p.X && q.Accuracy >= p.Accuracy), Is.False, $"{p.Name} is dominated");
    }
}
