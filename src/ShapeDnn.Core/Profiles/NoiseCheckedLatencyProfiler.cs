using System.Globalization;
using ShapeDnn.DesignSpace;

namespace ShapeDnn.Profiles;

/// <summary>
/// Measures again when a latency comes out noisy (spread beyond <see cref="LatencyMeasurement.UnreliableSpread"/>,
/// typically because the machine was busy), at most <see cref="Attempts"/> times in all, and keeps the
/// least noisy; a figure still noisy then is marked <see cref="LatencyMeasurement.Unreliable"/> and said so.
/// </summary>
/// <param name="inner">The profiler that measures.</param>
/// <param name="warn">Receives a warning for each figure that stays unreliable.</param>
public sealed class NoiseCheckedLatencyProfiler(ILatencyProfiler inner, Action<string>? warn) : ILatencyProfiler
{
    /// <summary>Measurements of one shape at most (the first and two more).</summary>
    public const int Attempts = 3;

    /// <inheritdoc />
    public string DeviceFingerprint => inner.DeviceFingerprint;

    /// <inheritdoc />
    public string DeviceDescription => inner.DeviceDescription;

    /// <inheritdoc />
    public LatencyMeasurement Measure(NetworkPlan plan, int batchSize, CancellationToken cancellationToken)
    {
        var best = inner.Measure(plan, batchSize, cancellationToken);
        for (int attempt = 1; attempt < Attempts && best.Source == FigureSource.Measured && best.IsNoisy; attempt++)
        {
            var again = inner.Measure(plan, batchSize, cancellationToken);
            if (again.RelativeSpread < best.RelativeSpread) best = again;
        }
        if (best.Source != FigureSource.Measured || !best.IsNoisy) return best;
        warn?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"the latency of {plan.Shape.Name} stayed noisy over {Attempts} measurements ({best.MedianMilliseconds:0.000} ms ±{best.RelativeSpread * 50:0} %; the machine is probably busy): it is marked unreliable and not cached. Measure again on a quiet machine before relying on it."));
        return best with { Unreliable = true };
    }
}
