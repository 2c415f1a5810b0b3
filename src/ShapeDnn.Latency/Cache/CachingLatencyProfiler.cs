using ShapeDnn.DesignSpace;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Cache;

/// <summary>A latency profiler that answers from a <see cref="LatencyCache"/> and measures (and stores, unless too noisy to trust) only on a miss.</summary>
/// <param name="inner">The profiler that measures.</param>
/// <param name="cache">The cache.</param>
public sealed class CachingLatencyProfiler(ILatencyProfiler inner, LatencyCache cache) : ILatencyProfiler
{
    /// <inheritdoc />
    public string DeviceFingerprint => inner.DeviceFingerprint;

    /// <inheritdoc />
    public string DeviceDescription => inner.DeviceDescription;

    /// <inheritdoc />
    public LatencyMeasurement Measure(NetworkPlan plan, int batchSize, CancellationToken cancellationToken)
    {
        var key = new LatencyCacheKey(inner.DeviceFingerprint, plan.Shape, plan.Input, batchSize);
        if (cache.TryGet(key, out var cached)) return cached;
        var measured = inner.Measure(plan, batchSize, cancellationToken);
        // A figure too noisy to trust is used in this run only: a later run measures it again.
        if (!measured.Unreliable) cache.Store(key, measured);
        return measured;
    }
}
