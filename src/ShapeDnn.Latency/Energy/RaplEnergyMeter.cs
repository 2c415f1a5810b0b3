using System.Diagnostics;
using System.Globalization;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Energy;

/// <summary>
/// Measures energy with the CPU's RAPL package counters: reads them, runs forward passes of a
/// prepared network for a fixed window, reads them again and divides by the number of passes.
/// </summary>
/// <remarks>
/// The figure is whole-package energy during the window — it includes the package's idle power
/// and anything else running — which is what a deployed app pays, as in the paper's power × time.
/// Counters tick about every millisecond in units of ~15 µJ, so the window (default 1 s) makes the
/// quantisation error negligible; one wrap-around per zone (after <c>max_energy_range_uj</c>, minutes
/// at full load) is handled.
/// </remarks>
public sealed class RaplEnergyMeter : IMeasuringEnergyMeter
{
    private readonly IInferenceWorkload _workload;
    private readonly RaplCounters _counters;
    private readonly TimeSpan _window;
    private readonly int _minRuns;

    private RaplEnergyMeter(IInferenceWorkload workload, RaplCounters counters, TimeSpan window, int minRuns)
    {
        _workload = workload;
        _counters = counters;
        _window = window;
        _minRuns = minRuns;
    }

    /// <summary>Default powercap root.</summary>
    public const string DefaultSysfsRoot = "/sys/class/powercap";

    /// <summary>Creates the meter if RAPL counters are readable under <paramref name="sysfsRoot"/>; otherwise null and why.</summary>
    /// <param name="workload">Runs the forward passes being measured.</param>
    /// <param name="reason">Which counters were found, or why none can be used.</param>
    /// <param name="sysfsRoot">The powercap folder (injectable for tests).</param>
    /// <param name="window">How long to run passes between the two counter readings; default 1 s.</param>
    /// <param name="minRuns">Passes made even when the window has passed.</param>
    public static RaplEnergyMeter? TryCreate(IInferenceWorkload workload, out string reason,
        string sysfsRoot = DefaultSysfsRoot, TimeSpan? window = null, int minRuns = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minRuns, 1);
        var counters = RaplCounters.TryOpen(sysfsRoot, out reason);
        return counters is null ? null : new RaplEnergyMeter(workload, counters, window ?? TimeSpan.FromSeconds(1), minRuns);
    }

    /// <inheritdoc />
    public bool IsEstimate => false;

    /// <inheritdoc />
    public string MethodFingerprint => $"rapl-package/v1;{string.Join(",", _counters.Zones.Select(Path.GetFileName))}";

    /// <inheritdoc />
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.DeviceUnavailable"/> when the counters stop being readable.</exception>
    public EnergyFigure Energy(NetworkPlan plan, LatencyMeasurement latency)
    {
        using var inference = _workload.Prepare(plan, latency.BatchSize);
        try
        {
            var clock = Stopwatch.StartNew();
            long[] before = _counters.Read();
            int runs = 0;
            while (runs < _minRuns || clock.Elapsed < _window)
            {
                inference.Run(1);
                runs++;
            }
            long[] after = _counters.Read();
            clock.Stop();

            double millijoules = _counters.Delta(before, after) / 1000.0 / runs;
            var method = string.Create(CultureInfo.InvariantCulture,
                $"measured: RAPL package energy ({_counters.Zones.Count} package zone(s)) over {runs} passes in {clock.Elapsed.TotalSeconds:0.###} s; whole package, idle power included");
            return new EnergyFigure(millijoules, FigureSource.Measured, method);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new ShapeDnnException(ErrorCode.DeviceUnavailable, $"RAPL energy counters could not be read: {e.Message}", e);
        }
    }
}
