using ShapeDnn.DesignSpace;

namespace ShapeDnn.Profiles.Prediction;

/// <summary>
/// Picks shapes that cover the (log depth, log width) plane: the four extremes first (shallowest
/// and deepest × narrowest and widest, or the nearest shapes that exist), then each time the shape
/// farthest from those already picked. Deterministic: ties go to the cheaper shape.
/// </summary>
public static class SpaceFillingSample
{
    /// <summary>The number of extreme shapes that open every sample (fewer when the space is smaller).</summary>
    public const int Extremes = 4;

    /// <summary>Up to <paramref name="count"/> shapes of <paramref name="shapes"/>, in picking order.</summary>
    public static IReadOnlyList<Shape> Select(IReadOnlyList<Shape> shapes, int count)
    {
        var ordered = shapes.Distinct().OrderBy(s => s.Depth * s.Width * s.Width).ThenBy(s => s.Depth).ThenBy(s => s.Width).ToList();
        count = Math.Min(count, ordered.Count);
        if (count == 0) return [];
        double minD = ordered.Min(s => Math.Log(s.Depth)), maxD = ordered.Max(s => Math.Log(s.Depth));
        double minW = ordered.Min(s => Math.Log(s.Width)), maxW = ordered.Max(s => Math.Log(s.Width));
        (double X, double Y) At(Shape s) => (Normalise(Math.Log(s.Depth), minD, maxD), Normalise(Math.Log(s.Width), minW, maxW));
        double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

        var picked = new List<Shape>();
        foreach (var corner in new[] { (0.0, 0.0), (1.0, 1.0), (1.0, 0.0), (0.0, 1.0) })
        {
            if (picked.Count >= count) break;
            picked.Add(ordered.Where(s => !picked.Contains(s)).MinBy(s => Distance(At(s), corner)));
        }
        while (picked.Count < count)
            picked.Add(ordered.Where(s => !picked.Contains(s)).MaxBy(s => picked.Min(p => Distance(At(p), At(s))))!);
        return picked;
    }

    private static double Normalise(double v, double min, double max) => max - min < 1e-12 ? 0 : (v - min) / (max - min);
}
