using ShapeDnn.DesignSpace;
using ShapeDnn.Profiles;

namespace ShapeDnn.Core.Tests.Filtering;

/// <summary>Latency proportional to multiply-accumulates (1 ms per 10 M MACs); counts measurements.</summary>
internal sealed class FakeProfiler : ILatencyProfiler, IEnergyMeter
{
    public List<Shape> Measured { get; } = [];
    public string DeviceFingerprint => "fake";
    public string DeviceDescription => "fake device";
    public bool IsEstimate => true;

    public LatencyMeasurement Measure(NetworkPlan plan, int batchSize, CancellationToken cancellationToken)
    {
        Measured.Add(plan.Shape);
        double ms = plan.MultiplyAccumulates * batchSize / 1e7;
        return new LatencyMeasurement(ms, ms * 0.98, ms * 1.02, 10, batchSize, "fake");
    }

    public EnergyFigure Energy(NetworkPlan plan, LatencyMeasurement latency) =>
        new(latency.MedianMilliseconds * 10, FigureSource.Estimated, "10 W assumed");
}
