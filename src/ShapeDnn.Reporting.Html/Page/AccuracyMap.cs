namespace ShapeDnn.Reporting.Html.Page;

/// <summary>
/// The predicted validation accuracy over one family's depth × width grid, with the shapes that
/// were trained. A cell is null where the shape is not in the space or was excluded by a limit (no prediction).
/// </summary>
/// <param name="Family">The family whose grid this is (a search over several families maps the chosen shape's).</param>
/// <param name="Depths">Depths of the space, increasing (rows).</param>
/// <param name="Widths">Widths of the space, increasing (columns).</param>
/// <param name="Predicted">Predicted accuracy 0 … 1, indexed [width, depth].</param>
/// <param name="Trained">The trained shapes' cells.</param>
public sealed record AccuracyMap(string Family, IReadOnlyList<int> Depths, IReadOnlyList<double> Widths, double?[,] Predicted, IReadOnlyList<(int WidthIndex, int DepthIndex, string Name, ShapeRole Role)> Trained)
{
    /// <summary>Lays out the rows of <paramref name="family"/> among <paramref name="rows"/> on its grid.</summary>
    public static AccuracyMap From(string family, IReadOnlyList<ShapeRow> rows, Func<ShapeRow, ShapeRole> roleOf)
    {
        rows = rows.Where(r => r.Family == family).ToList();
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
        return new AccuracyMap(family, depths, widths, predicted, trained);
    }
}
