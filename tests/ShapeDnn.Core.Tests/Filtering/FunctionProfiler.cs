using ShapeDnn.DesignSpace;
using ShapeDnn.Profiles;

namespace ShapeDnn.Core.Tests.Filtering;

/// <summary>
/// A device whose latency is a known function of the plan and whose energy meter measures (not an
/// estimate): energy = power(latency) × latency. Counts measurements; can refuse shapes (out of memory).
/// </summary>
internal sealed class FunctionProfiler(Func<NetworkPlan, double> milliseconds, Func<NetworkPlan, bool>? tooLarge = null) : ILatencyProfiler, IEnergyMeter
{
    public List<Shape> Measured { get; } = [];
    public List<Shape> EnergyMeasured { get; } = [];
    public string DeviceFingerprint => "function";
    public string DeviceDescription => "function device";
    public bool IsEstimate => false;

    /// <summary>GPU-like: launch-bound (grows with depth) plus a compute part (MACs) — not the fitted model's form.</summary>
    public static double GpuLike(NetworkPlan p) => 0.3 + 0.04 * p.Shape.Depth + p.MultiplyAccumulates / 4e8;

    /// <summary>Exactly of the model's form: a power law in MACs and depth.</summary>
    public static double PowerLaw(NetworkPlan p) => 2e-5 * Math.Pow(p.MultiplyAccumulates, 0.7) * Math.Pow(p.Shape.Depth, 0.4);

    public double TrueEnergy(NetworkPlan p) => Energy(milliseconds(p));

    public LatencyMeasurement Measure(NetworkPlan plan, int batchSize, CancellationToken cancellationToken)
    {
        if (tooLarge?.Invoke(plan) == true) throw new ShapeNotMeasurableException($"out of device memory at batch {batchSize}");
        Measured.Add(plan.Shape);
        double ms = milliseconds(plan);
        return new LatencyMeasurement(ms, ms * 0.99, ms * 1.01, 30, batchSize, DeviceDescription);
    }

    public EnergyFigure Energy(NetworkPlan plan, LatencyMeasurement latency)
    {
        EnergyMeasured.Add(plan.Shape);
        return new EnergyFigure(Energy(latency.MedianMilliseconds), FigureSource.Measured, "function counter");
    }

    // Power rises with load, so energy is not proportional to latency.
    private static double Energy(double ms) => (80 + 20 * Math.Log(1 + ms)) * ms;
}
