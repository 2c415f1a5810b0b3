using System.Globalization;
using ShapeDnn.DesignSpace;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Energy;

/// <summary>
/// Energy where no power counter can be read: an assumed active power times the measured latency.
/// Every figure is labelled <see cref="FigureSource.Estimated"/> and says how it was computed.
/// </summary>
/// <remarks>
/// Assumption: each busy thread draws <see cref="DefaultWattsPerThread"/> (5 W). That is the
/// package power per core of current CPUs at full load: a 64-core server part at 225–280 W is
/// 3.5–4.4 W a core, a 56-core at 350 W 6.3 W, a 4-core 28 W laptop part 7 W. It counts the cores
/// the inference keeps busy (the intra-op threads) and nothing else — no idle floor, DRAM or other
/// processes — so it is an estimate of the energy the inference itself adds, comparable between
/// shapes (it is proportional to latency) but not an absolute measurement.
/// </remarks>
public sealed class EstimatedCpuEnergyMeter : IEnergyMeter
{
    /// <summary>Assumed active power of one busy thread, in watts.</summary>
    public const double DefaultWattsPerThread = 5.0;

    /// <summary>Creates the meter.</summary>
    /// <param name="activeThreads">Threads busy during inference (the intra-op thread count).</param>
    /// <param name="wattsPerThread">Assumed power of one busy thread.</param>
    public EstimatedCpuEnergyMeter(int activeThreads, double wattsPerThread = DefaultWattsPerThread)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(activeThreads, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(wattsPerThread);
        ActiveThreads = activeThreads;
        WattsPerThread = wattsPerThread;
    }

    /// <summary>Threads assumed busy.</summary>
    public int ActiveThreads { get; }

    /// <summary>Assumed power of one busy thread, in watts.</summary>
    public double WattsPerThread { get; }

    /// <summary>Assumed total active power, in watts.</summary>
    public double AssumedWatts => WattsPerThread * ActiveThreads;

    /// <inheritdoc />
    public bool IsEstimate => true;

    /// <inheritdoc />
    public EnergyFigure Energy(NetworkPlan plan, LatencyMeasurement latency)
    {
        // W × ms = mJ.
        double millijoules = AssumedWatts * latency.MedianMilliseconds;
        var method = string.Create(CultureInfo.InvariantCulture,
            $"estimate: {WattsPerThread:0.###} W per busy thread × {ActiveThreads} threads = {AssumedWatts:0.###} W assumed × median latency {latency.MedianMilliseconds:0.####} ms (no power counter; excludes idle power)");
        return new EnergyFigure(millijoules, FigureSource.Estimated, method);
    }
}
