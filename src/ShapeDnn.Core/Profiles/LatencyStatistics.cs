namespace ShapeDnn.Profiles;

/// <summary>Percentiles of timed runs (shared by the CPU and CUDA profilers).</summary>
public static class LatencyStatistics
{
    /// <summary>
    /// The <paramref name="fraction"/> quantile of ascending <paramref name="sorted"/>, interpolating
    /// linearly between neighbours (NumPy's default), so p10 ≤ median ≤ p90 always holds.
    /// </summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double fraction)
    {
        if (sorted.Length == 0) throw new ArgumentException("No samples.", nameof(sorted));
        double position = fraction * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    /// <summary>(p90 − p10) / median of ascending <paramref name="sorted"/>.</summary>
    public static double RelativeSpread(ReadOnlySpan<double> sorted)
    {
        double median = Quantile(sorted, 0.5);
        return median > 0 ? (Quantile(sorted, 0.9) - Quantile(sorted, 0.1)) / median : 0;
    }
}
