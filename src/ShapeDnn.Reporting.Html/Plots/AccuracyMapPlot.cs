using System.Globalization;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;
using ShapeDnn.Families;
using ShapeDnn.Reporting.Html.Page;

namespace ShapeDnn.Reporting.Html.Plots;

/// <summary>
/// The predicted accuracy over depth × width as a heat map (cells drawn as SVG rectangles, values
/// printed in them), excluded shapes grey, the trained shapes marked and the chosen one starred.
/// </summary>
internal static class AccuracyMapPlot
{
    public static PlotModel Build(AccuracyMap map)
    {
        var family = NetworkFamilies.Get(map.Family);
        var model = PlotStyle.NewModel($"Predicted validation accuracy over depth × width, {family.NamePrefix}", legend: false);
        var values = new double[map.Widths.Count, map.Depths.Count];
        for (int w = 0; w < map.Widths.Count; w++)
            for (int d = 0; d < map.Depths.Count; d++)
                values[w, d] = map.Predicted[w, d] is { } p ? p * 100 : double.NaN;
        var known = values.Cast<double>().Where(double.IsFinite).ToList();

        // Widths are not evenly spaced (1, 1.5, 2, 3 …): columns are indices labelled with the width.
        model.Axes.Add(IndexAxis(AxisPosition.Bottom, family.WidthAxisTitle, map.Widths.Select(w => w.ToString("0.###", CultureInfo.InvariantCulture)).ToList()));
        model.Axes.Add(IndexAxis(AxisPosition.Left, "Depth (layers)", map.Depths.Select(d => d.ToString(CultureInfo.InvariantCulture)).ToList()));
        model.Axes.Add(new LinearColorAxis
        {
            Position = AxisPosition.Right, Title = "Predicted accuracy (%)", Palette = OxyPalettes.Viridis(200),
            Minimum = known.Count == 0 ? 0 : Math.Floor(known.Min()), Maximum = known.Count == 0 ? 100 : Math.Ceiling(known.Max()),
            InvalidNumberColor = OxyColor.FromRgb(0xdd, 0xdd, 0xdd), RenderAsImage = false,
        });
        model.Series.Add(new HeatMapSeries
        {
            X0 = 0, X1 = map.Widths.Count - 1, Y0 = 0, Y1 = map.Depths.Count - 1, Data = values,
            CoordinateDefinition = HeatMapCoordinateDefinition.Center, RenderMethod = HeatMapRenderMethod.Rectangles,
            Interpolate = false, Title = "predicted",
        });

        // Values as text annotations rather than the series' own labels, which would print "NaN" in excluded cells.
        // Up to the paper's 110-shape space the values fit in their cells at the page's size.
        bool small = map.Widths.Count * map.Depths.Count <= 120;
        double middle = known.Count == 0 ? 0 : (known.Min() + known.Max()) / 2;
        // Dark text on the light (high) end of the palette, light text on the dark end.
        OxyColor InkOn(double value) => double.IsFinite(value) && value <= middle ? OxyColors.White : OxyColors.Black;
        for (int w = 0; w < map.Widths.Count; w++)
            for (int d = 0; d < map.Depths.Count; d++)
                if (small && double.IsFinite(values[w, d]))
                    model.Annotations.Add(new TextAnnotation
                    {
                        TextPosition = new DataPoint(w, d - 0.12), Text = values[w, d].ToString("0.0", CultureInfo.InvariantCulture), FontSize = 12,
                        TextColor = InkOn(values[w, d]), Stroke = OxyColors.Undefined,
                        TextHorizontalAlignment = HorizontalAlignment.Center, TextVerticalAlignment = VerticalAlignment.Middle,
                    });
        // Markers as annotations: a scatter series on a plot with a colour axis would take its colours from that axis.
        foreach (var t in map.Trained)
            model.Annotations.Add(new PointAnnotation
            {
                X = t.WidthIndex, Y = t.DepthIndex + 0.22, Shape = t.Role == ShapeRole.Chosen ? MarkerType.Star : MarkerType.Circle,
                Size = t.Role == ShapeRole.Chosen ? 8 : 5, Fill = t.Role == ShapeRole.Chosen ? PlotStyle.Chosen : OxyColors.White,
                Stroke = t.Role == ShapeRole.Chosen ? PlotStyle.Chosen : OxyColors.Black, StrokeThickness = 1.5,
                Text = t.Name, FontSize = 10, TextColor = InkOn(values[t.WidthIndex, t.DepthIndex]), TextMargin = 3,
                TextHorizontalAlignment = HorizontalAlignment.Center, TextVerticalAlignment = VerticalAlignment.Bottom,
            });
        return model;
    }

    private static LinearAxis IndexAxis(AxisPosition position, string title, IReadOnlyList<string> labels) => new()
    {
        Position = position, Title = title, Minimum = -0.5, Maximum = labels.Count - 0.5, MajorStep = 1, MinorStep = 1,
        MajorTickSize = 0, MinorTickSize = 0, IsZoomEnabled = false,
        LabelFormatter = v => Math.Abs(v - Math.Round(v)) < 1e-6 && v >= 0 && v < labels.Count ? labels[(int)Math.Round(v)] : "",
    };
}
