namespace ShapeDnn.Profiles;

/// <summary>How the latency and energy figures of a search were obtained (part of the report).</summary>
/// <param name="Method">In words: measured every shape, or predicted from a sample with exact measurement near the decision.</param>
/// <param name="Measured">Shapes whose latency was measured on the device.</param>
/// <param name="Predicted">Shapes whose latency was predicted.</param>
/// <param name="NotMeasured">Shapes excluded without a figure (size limits, at least as large as a shape over a limit, or unmeasurable).</param>
/// <param name="Unmeasurable">Shapes the device could not run (e.g. out of memory), with the reason.</param>
/// <param name="SampleSize">Shapes in the fitting sample (0 when nothing was predicted).</param>
/// <param name="Margin">Relative margin around a limit (or the cheapest cost) inside which shapes were measured exactly.</param>
/// <param name="LatencyHoldOut">Held-out measured shapes: measured against predicted latency.</param>
/// <param name="LatencyMedianError">Median absolute relative error of the latency prediction on the held-out shapes.</param>
/// <param name="LatencyMaxError">Largest such error.</param>
/// <param name="EnergyHoldOut">As <paramref name="LatencyHoldOut"/>, for energy, when energy was measured and predicted.</param>
/// <param name="EnergyMedianError">Median absolute relative error of the energy prediction on the held-out shapes.</param>
/// <param name="EnergyMaxError">Largest such error.</param>
public sealed record ProfilingSummary(
    string Method,
    int Measured,
    int Predicted,
    int NotMeasured,
    IReadOnlyList<string> Unmeasurable,
    int SampleSize,
    double? Margin,
    IReadOnlyList<HoldOutPoint> LatencyHoldOut,
    double? LatencyMedianError,
    double? LatencyMaxError,
    IReadOnlyList<HoldOutPoint> EnergyHoldOut,
    double? EnergyMedianError,
    double? EnergyMaxError)
{
    /// <summary>Nothing was profiled (no limit or goal needed latency or energy).</summary>
    public static ProfilingSummary None { get; } = new("not profiled: no latency or energy limit or goal", 0, 0, 0, [], 0, null, [], null, null, [], null, null);
}

/// <summary>One held-out shape: its measured and predicted figure.</summary>
/// <param name="Shape">Shape name.</param>
/// <param name="Measured">Measured figure (ms or mJ).</param>
/// <param name="Predicted">Figure predicted by the fit that did not see it.</param>
public sealed record HoldOutPoint(string Shape, double Measured, double Predicted)
{
    /// <summary>|predicted / measured − 1|.</summary>
    public double RelativeError => Math.Abs(Predicted / Measured - 1);
}
