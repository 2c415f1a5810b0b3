using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Profiles;

namespace ShapeDnn.Replay;

/// <summary>
/// Latency and energy "measurements" read from a ground truth instead of a device, so that the
/// replay runs the search's own filter (measured where it would measure, predicted where it would
/// predict) on the figures the device gave.
/// </summary>
public sealed class GroundTruthProfiler(IReadOnlyDictionary<Shape, GroundTruthRecord> records, string source) : ILatencyProfiler, IEnergyMeter
{
    /// <inheritdoc />
    public string DeviceFingerprint => $"ground-truth:{source}";

    /// <inheritdoc />
    public string DeviceDescription => $"ground truth {source}";

    /// <inheritdoc />
    public bool IsEstimate => false;

    /// <inheritdoc />
    /// <exception cref="ShapeDnnException">SDNN026 when the file has no latency for the shape at this batch size.</exception>
    public LatencyMeasurement Measure(NetworkPlan plan, int batchSize, CancellationToken cancellationToken)
    {
        double ms = Lookup(plan.Shape, batchSize, r => r.LatencyMilliseconds, "latencyMs");
        return new LatencyMeasurement(ms, ms, ms, 1, batchSize, DeviceDescription);
    }

    /// <inheritdoc />
    /// <exception cref="ShapeDnnException">SDNN026 when the file has no energy for the shape at this batch size.</exception>
    public EnergyFigure Energy(NetworkPlan plan, LatencyMeasurement latency) =>
        new(Lookup(plan.Shape, latency.BatchSize, r => r.EnergyMillijoules, "energyMj"), FigureSource.Measured, $"ground truth {source}");

    private double Lookup(Shape shape, int batchSize, Func<GroundTruthRecord, IReadOnlyDictionary<int, double>> figures, string field) =>
        records.TryGetValue(shape, out var r) && figures(r).TryGetValue(batchSize, out double value) ? value
        : throw new ShapeDnnException(ErrorCode.BadGroundTruth,
            $"Ground truth '{source}' has no {field}.{batchSize} for {shape.Name}, which the constraints or the goal need. Give --batch-size a batch size the file measured.");
}
