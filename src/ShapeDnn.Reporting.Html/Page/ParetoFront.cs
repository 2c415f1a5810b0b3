namespace ShapeDnn.Reporting.Html.Page;

/// <summary>
/// The trade-off front of the measured shapes: those that no other measured shape beats on both
/// counts (no larger goal figure for at least the accuracy, one of them strictly better).
/// </summary>
public static class ParetoFront
{
    /// <summary>The non-dominated measured points, in increasing goal figure (and so increasing accuracy).</summary>
    public static IReadOnlyList<ShapePoint> Of(IEnumerable<ShapePoint> points)
    {
        var front = new List<ShapePoint>();
        // Sweep from the cheapest up, taking each point that is more accurate than everything cheaper;
        // among equal costs the most accurate comes first, so its ties are dominated.
        foreach (var p in points.Where(p => p.Kind == AccuracyKind.Measured).OrderBy(p => p.X).ThenByDescending(p => p.Accuracy))
            if (front.Count == 0 || p.Accuracy > front[^1].Accuracy) front.Add(p);
        return front;
    }
}
