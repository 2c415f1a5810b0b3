namespace ShapeDnn.Reporting.Html.Page;

/// <summary>
/// The predicted validation accuracy over the design space's depth × width grid, with the shapes that
/// were trained. A cell is null where the shape is not in the space or was excluded by a limit (no prediction).
/// </summary>
/// <param name="Depths">Depths of the space, increasing (rows).</param>
/// <param name="Widths">Widths of the space, increasing (columns).</param>
/// <param name="Predicted">Predicted accuracy 0 … 1, indexed [width, depth].</param>
/// <param name="Trained">The trained shapes' cells.</param>
public sealed record AccuracyMap(IReadOnlyList<int> Depths, IReadOnlyList<double> Widths, double?[,] Predicted, IReadOnlyList<(int WidthIndex, int DepthIndex, string Name, ShapeRole Role)> Trained)
{
    /// <summary>Lays out <paramref name="rows"/> on the grid.</summary>
    public static AccuracyMap From(IReadOnlyList<ShapeRow> rows, Func<ShapeRow, ShapeRole> roleOf)
    {
        var depths = rows.Select(r => r.Depth).Distinct().Order().ToList();
        var widths = rows.Select(r => r.Width).Distinct().Order().ToList();
        var predicted = new double?[widths.Count, depths.Count];
        var trained = new List<(int, int, string, ShapeRole)>();
        foreach (var r in rows)
        {
            int w = widths.IndexOf(r.Width), d = depths.IndexOf(r.Depth);
            predicted[w, d] = r.PredictedAccuracy;
            if (r.Training is not null) trained.Add((w, d, r.Name, roleOf(r)));
        }
        return new AccuracyMap(depths, widths, predicted, trained);
    }
}
