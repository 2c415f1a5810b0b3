using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;
using ShapeDnn.Reporting.Html.Page;

namespace ShapeDnn.Reporting.Html.Plots;

/// <summary>
/// Validation accuracy per epoch of every trained shape; a curve that stopped before the recipe's
/// last epoch ends there with a cross, the chosen shape's curve is drawn bold.
/// </summary>
internal static class LearningCurvesPlot
{
    public static PlotModel Build(IReadOnlyList<LearningCurve> curves, int recipeEpochs, double? minAccuracy)
    {
        var model = PlotStyle.NewModel("Learning curves of the trained shapes");
        int lastEpoch = Math.Max(recipeEpochs, curves.SelectMany(c => c.Points).Select(p => p.Epoch).DefaultIfEmpty(1).Max());
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom, Title = "Epoch", Minimum = 0.5, Maximum = lastEpoch + 0.5, MajorStep = Math.Max(1, Math.Ceiling(lastEpoch / 10.0)),
            MinorStep = 1, MajorGridlineStyle = LineStyle.Solid, MajorGridlineColor = OxyColor.FromRgb(0xe6, 0xe6, 0xe6),
        });
        var accuracies = curves.SelectMany(c => c.Points).Select(p => p.Accuracy * 100).Append((minAccuracy ?? double.NaN) * 100).Where(double.IsFinite).ToList();
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left, Title = "Validation accuracy (%)",
            Minimum = accuracies.Count == 0 ? 0 : Math.Max(0, Math.Floor(accuracies.Min() / 5) * 5 - 5),
            Maximum = accuracies.Count == 0 ? 100 : Math.Min(100, Math.Ceiling(accuracies.Max() / 5) * 5 + 2),
            MajorGridlineStyle = LineStyle.Solid, MajorGridlineColor = OxyColor.FromRgb(0xe6, 0xe6, 0xe6),
        });
        if (minAccuracy is { } min)
            model.Annotations.Add(new OxyPlot.Annotations.LineAnnotation
            {
                Type = OxyPlot.Annotations.LineAnnotationType.Horizontal, Y = min * 100, Color = PlotStyle.Limit, LineStyle = LineStyle.Dash,
                Text = "MinAccuracy", TextColor = PlotStyle.Limit, StrokeThickness = 1.5,
            });

        int other = 0;
        foreach (var curve in curves)
        {
            var color = curve.Role == ShapeRole.Other ? PlotStyle.Others[other++ % PlotStyle.Others.Length] : PlotStyle.ForRole(curve.Role);
            var line = new LineSeries
            {
                Title = curve.Name + (curve.StoppedEarly ? $" (stopped at epoch {curve.Points[^1].Epoch})" : ""),
                Color = color, StrokeThickness = curve.Role == ShapeRole.Chosen ? 3 : 1.5,
                MarkerType = MarkerType.Circle, MarkerSize = 2.5, MarkerFill = color,
            };
            line.Points.AddRange(curve.Points.Select(p => new DataPoint(p.Epoch, p.Accuracy * 100)));
            model.Series.Add(line);
        }
        var stops = new ScatterSeries { Title = "stopped early", MarkerType = MarkerType.Cross, MarkerSize = 7, MarkerStroke = PlotStyle.Limit, MarkerStrokeThickness = 2 };
        stops.Points.AddRange(curves.Where(c => c.StoppedEarly && c.Points.Count > 0).Select(c => new ScatterPoint(c.Points[^1].Epoch, c.Points[^1].Accuracy * 100)));
        if (stops.Points.Count > 0) model.Series.Add(stops);
        return model;
    }
}
