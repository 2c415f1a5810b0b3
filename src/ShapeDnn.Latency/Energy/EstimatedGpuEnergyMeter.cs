using System.Globalization;
using ShapeDnn.DesignSpace;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Energy;

/// <summary>
/// Energy on a GPU without a readable counter: an assumed board power times the measured latency,
/// labelled <see cref="FigureSource.Estimated"/>.
/// </summary>
/// <remarks>
/// 300 W by default: a data-centre GPU running small, launch-bound networks draws well under its
/// limit (an H100 SXM is rated 700 W, PCIe 350 W); a fixed figure keeps estimates comparable between
/// shapes, not absolute.
/// </remarks>
/// <param name="assumedWatts">Assumed board power while running forward passes.</param>
public sealed class EstimatedGpuEnergyMeter(double assumedWatts = EstimatedGpuEnergyMeter.DefaultWatts) : IEnergyMeter
{
    /// <summary>The default assumed board power, in watts.</summary>
    public const double DefaultWatts = 300;

    /// <summary>Assumed board power, in watts.</summary>
    public double AssumedWatts { get; } = assumedWatts > 0 ? assumedWatts : throw new ArgumentOutOfRangeException(nameof(assumedWatts));

    /// <inheritdoc />
    public bool IsEstimate => true;

    /// <inheritdoc />
    public EnergyFigure Energy(NetworkPlan plan, LatencyMeasurement latency) => new(
        AssumedWatts * latency.MedianMilliseconds, FigureSource.Estimated, string.Create(CultureInfo.InvariantCulture,
            $"estimate: {AssumedWatts:0.#} W assumed GPU board power × median latency {latency.MedianMilliseconds:0.####} ms (no energy counter)"));
}
