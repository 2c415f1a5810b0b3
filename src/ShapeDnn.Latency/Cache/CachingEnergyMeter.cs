using ShapeDnn.DesignSpace;
using ShapeDnn.Latency.Energy;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Cache;

/// <summary>
/// An energy meter that answers from an <see cref="EnergyCache"/> and measures (and stores) only on a
/// miss. A figure the meter could not measure (its counter failed and it fell back to an estimate) is
/// passed on but not stored, so the next run tries the counter again.
/// </summary>
/// <param name="inner">The meter that reads the counter.</param>
/// <param name="cache">The cache.</param>
/// <param name="deviceFingerprint">The latency profiler's device fingerprint (the device the passes run on).</param>
public sealed class CachingEnergyMeter(IMeasuringEnergyMeter inner, EnergyCache cache, string deviceFingerprint) : IEnergyMeter
{
    /// <inheritdoc />
    public bool IsEstimate => inner.IsEstimate;

    /// <inheritdoc />
    public EnergyFigure Energy(NetworkPlan plan, LatencyMeasurement latency)
    {
        var key = new EnergyCacheKey(deviceFingerprint, inner.MethodFingerprint, plan.Shape, plan.Input, latency.BatchSize);
        if (cache.TryGet(key, out var cached)) return cached;
        var figure = inner.Energy(plan, latency);
        if (figure.Source == FigureSource.Measured) cache.Store(key, figure);
        return figure;
    }
}
