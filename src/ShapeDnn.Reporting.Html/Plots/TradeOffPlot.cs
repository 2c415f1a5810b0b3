using System.Globalization;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;
using ShapeDnn.Reporting.Html.Page;

namespace ShapeDnn.Reporting.Html.Plots;

/// <summary>
/// The goal figure against validation accuracy for every shape: measured (filled) and predicted
/// (hollow, with a 95 % interval) apart, shapes excluded by a limit along the bottom, the limits as
/// lines, the feasible region shaded, the Pareto front of the measured shapes, the chosen shape and
/// runners-up labelled.
/// </summary>
internal static class TradeOffPlot
{
    /// <summary>A predicted accuracy's interval half-width in standard deviations (95 % of a normal).</summary>
    public const double IntervalSigmas = 1.96;

    public static PlotModel Build(ReportPage page)
    {
        var model = PlotStyle.NewModel($"{page.Axis.Name} against validation accuracy");
        var xs = page.Points.Select(p => p.X).Where(x => x > 0).Append(page.Axis.Limit ?? double.NaN).Where(double.IsFinite).ToList();
        var ys = page.Points.Where(p => p.Accuracy is not null)
            .SelectMany(p => new[] { p.Accuracy!.Value - IntervalSigmas * (p.AccuracyStd ?? 0), p.Accuracy.Value + IntervalSigmas * (p.AccuracyStd ?? 0) })
            .Append(page.Region.MinAccuracy ?? double.NaN).Where(double.IsFinite).Select(y => y * 100).ToList();
        double yMin = ys.Count == 0 ? 0 : Math.Max(0, Math.Floor(ys.Min() / 5) * 5 - 5), yMax = ys.Count == 0 ? 100 : Math.Min(100, Math.Ceiling(ys.Max() / 5) * 5 + 2);
        // The bottom band holds the excluded shapes, which have no accuracy.
        double excludedY = yMin + (yMax - yMin) * 0.03;

        model.Axes.Add(GoalAxisOf(page.Axis, xs));
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left, Title = "Validation accuracy (%)", Minimum = yMin, Maximum = yMax,
            MajorGridlineStyle = LineStyle.Solid, MajorGridlineColor = OxyColor.FromRgb(0xe6, 0xe6, 0xe6),
        });

        if (page.Region.IsBounded)
            model.Annotations.Add(new RectangleAnnotation
            {
                MinimumX = double.NegativeInfinity, MaximumX = page.Region.MaxX ?? double.PositiveInfinity,
                MinimumY = page.Region.MinAccuracy is { } min ? min * 100 : double.NegativeInfinity, MaximumY = double.PositiveInfinity,
                Fill = PlotStyle.FeasibleFill, Layer = AnnotationLayer.BelowSeries,
                Text = "feasible", TextColor = OxyColor.FromRgb(0x2c, 0x70, 0x2c), TextHorizontalAlignment = HorizontalAlignment.Left, TextVerticalAlignment = VerticalAlignment.Top,
                TextPosition = new DataPoint(xs.Count == 0 ? 0 : xs.Min(), yMax),
            });
        if (page.Region.MinAccuracy is { } minAccuracy)
            model.Annotations.Add(LimitLine(LineAnnotationType.Horizontal, minAccuracy * 100, $"MinAccuracy {(minAccuracy * 100).ToString("0.##", CultureInfo.InvariantCulture)} %"));
        if (page.Axis.Limit is { } limit)
            model.Annotations.Add(LimitLine(LineAnnotationType.Vertical, limit, $"{page.Axis.LimitName} {Figures.Axis(limit, page.Axis.Unit)}"));

        if (page.Front.Count > 1)
        {
            var front = new StairStepSeries { Title = "Pareto front (measured)", Color = PlotStyle.Front, StrokeThickness = 1.5, LineStyle = LineStyle.Dash, VerticalStrokeThickness = 1.5 };
            front.Points.AddRange(page.Front.Select(p => new DataPoint(p.X, p.Accuracy!.Value * 100)));
            model.Series.Add(front);
        }

        var predicted = new ScatterErrorSeries
        {
            Title = "predicted (not trained), 95 % interval", MarkerType = MarkerType.Circle, MarkerSize = 4,
            MarkerFill = OxyColors.White, MarkerStroke = PlotStyle.Predicted, MarkerStrokeThickness = 1.5,
            ErrorBarColor = OxyColor.FromAColor(0x90, PlotStyle.Predicted), ErrorBarStrokeThickness = 1, ErrorBarStopWidth = 2,
        };
        predicted.Points.AddRange(page.Points.Where(p => p.Kind == AccuracyKind.Predicted)
            .Select(p => new ScatterErrorPoint(p.X, p.Accuracy!.Value * 100, 0, IntervalSigmas * (p.AccuracyStd ?? 0) * 100)));
        var measured = new ScatterSeries { Title = "measured (trained)", MarkerType = MarkerType.Circle, MarkerSize = 5, MarkerFill = PlotStyle.Measured, MarkerStroke = OxyColors.White, MarkerStrokeThickness = 1 };
        measured.Points.AddRange(page.Points.Where(p => p.Kind == AccuracyKind.Measured).Select(p => new ScatterPoint(p.X, p.Accuracy!.Value * 100)));
        var excluded = new ScatterSeries { Title = "excluded by a limit (no prediction)", MarkerType = MarkerType.Cross, MarkerSize = 4, MarkerStroke = PlotStyle.Excluded, MarkerStrokeThickness = 1.2 };
        excluded.Points.AddRange(page.Points.Where(p => p.Kind == AccuracyKind.None).Select(p => new ScatterPoint(p.X, excludedY)));
        foreach (var s in new Series[] { excluded, predicted, measured }) model.Series.Add(s);

        foreach (var p in page.Points.Where(p => p.Role != ShapeRole.Other && p.Accuracy is not null).OrderByDescending(p => p.Rank))
            model.Annotations.Add(new PointAnnotation
            {
                X = p.X, Y = p.Accuracy!.Value * 100, Shape = p.Role == ShapeRole.Chosen ? MarkerType.Star : MarkerType.Diamond,
                Size = p.Role == ShapeRole.Chosen ? 9 : 6, Fill = PlotStyle.ForRole(p.Role), Stroke = PlotStyle.ForRole(p.Role), StrokeThickness = 1.5,
                Text = p.Role == ShapeRole.Chosen ? $"chosen: {p.Name}" : $"#{p.Rank} {p.Name}", TextColor = PlotStyle.ForRole(p.Role),
                FontWeight = p.Role == ShapeRole.Chosen ? FontWeights.Bold : FontWeights.Normal,
                TextHorizontalAlignment = HorizontalAlignment.Left, TextVerticalAlignment = VerticalAlignment.Middle,
                TextMargin = 10,
            });
        return model;
    }

    /// <summary>Logarithmic where the figures span more than a decade (parameters and latency usually do).</summary>
    internal static Axis GoalAxisOf(GoalAxis goal, IReadOnlyList<double> values)
    {
        bool log = values.Count > 1 && values.Min() > 0 && values.Max() / values.Min() > 10;
        Axis axis = log ? new LogarithmicAxis() : new LinearAxis();
        axis.Position = AxisPosition.Bottom;
        axis.Title = goal.Title + (log ? ", log scale" : "");
        axis.MajorGridlineStyle = LineStyle.Solid;
        axis.MajorGridlineColor = OxyColor.FromRgb(0xe6, 0xe6, 0xe6);
        axis.MinorGridlineStyle = log ? LineStyle.Dot : LineStyle.None;
        axis.MinorGridlineColor = OxyColor.FromRgb(0xf0, 0xf0, 0xf0);
        axis.LabelFormatter = v => Figures.Axis(v, goal.Unit);
        if (values.Count > 0)
        {
            double min = values.Min(), max = values.Max();
            axis.Minimum = log ? min / 1.4 : Math.Max(0, min - (max - min) * 0.08);
            axis.Maximum = log ? max * 1.4 : max + (max - min) * 0.08 + (max == min ? 1 : 0);
        }
        return axis;
    }

    private static LineAnnotation LimitLine(LineAnnotationType type, double value, string text) => new()
    {
        Type = type, X = value, Y = value, Color = PlotStyle.Limit, StrokeThickness = 1.5, LineStyle = LineStyle.Dash,
        Text = text, TextColor = PlotStyle.Limit, FontWeight = FontWeights.Bold,
        TextHorizontalAlignment = HorizontalAlignment.Right,
        TextOrientation = type == LineAnnotationType.Vertical ? AnnotationTextOrientation.Vertical : AnnotationTextOrientation.Horizontal,
    };
}
