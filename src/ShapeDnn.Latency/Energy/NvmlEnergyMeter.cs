using System.Globalization;
using ShapeDnn.DesignSpace;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Energy;

/// <summary>
/// Measures the energy of one forward pass on an NVIDIA GPU with NVML's total-energy counter
/// (<c>nvmlDeviceGetTotalEnergyConsumption</c>, millijoules since the driver loaded) over a loop of
/// back-to-back passes of the prepared network (see <see cref="CounterWindow"/>): the energy between
/// two counter updates at least the window apart, divided by the passes the GPU finished between them.
/// </summary>
/// <remarks>
/// The figure is the whole board's energy during the loop, idle power included — what the deployed
/// app pays per pass when it runs passes one after another. Passes are launched back to back and the
/// GPU is synchronised every <see cref="PassesPerGroup"/> passes (about <see cref="GroupTime"/> of
/// work), so the loop runs at full speed; the counter is read on a second thread. The counter updates
/// every few tens of milliseconds, so the window is 2 s by default. When the counter fails for a shape
/// (stalls, goes backwards, stops answering) the figure falls back to <paramref name="fallback"/>'s
/// estimate, labelled with the reason, and the engine decides whether an estimate is acceptable.
/// </remarks>
/// <param name="workload">Prepares (and warms up) the network on the GPU.</param>
/// <param name="counter">The GPU's counter.</param>
/// <param name="fallback">The estimate used where the counter fails.</param>
/// <param name="window">Least measuring window; null for 2 s.</param>
/// <param name="stallTimeout">How long the counter may stay unchanged while the GPU works; null for 1 s.</param>
public sealed class NvmlEnergyMeter(IInferenceWorkload workload, IEnergyCounter counter, IEnergyMeter fallback, TimeSpan? window = null, TimeSpan? stallTimeout = null)
    : IMeasuringEnergyMeter
{
    /// <summary>Bumped when the measuring method changes, so that cached figures of the old method stop matching.</summary>
    public const int MethodVersion = 2;

    /// <summary>GPU work between two synchronisations of the loop: long enough that the synchronisation's idle gap is negligible,
    /// short enough that the passes finished at a counter update are known closely.</summary>
    public static readonly TimeSpan GroupTime = TimeSpan.FromMilliseconds(10);

    private readonly TimeSpan _window = window ?? TimeSpan.FromSeconds(2);
    private readonly TimeSpan _stallTimeout = stallTimeout ?? TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public bool IsEstimate => false;

    /// <summary>The counter used.</summary>
    public string CounterDescription => counter.Description;

    /// <inheritdoc />
    public string MethodFingerprint => $"nvml-total-energy/v{MethodVersion};{counter.Description}";

    /// <summary>Passes per synchronisation for a pass of <paramref name="latencyMilliseconds"/>: about <see cref="GroupTime"/> of work, at least 1.</summary>
    public static int PassesPerGroup(double latencyMilliseconds) =>
        latencyMilliseconds > 0 && double.IsFinite(latencyMilliseconds)
            ? (int)Math.Clamp(Math.Ceiling(GroupTime.TotalMilliseconds / latencyMilliseconds), 1, 10_000)
            : 1;

    /// <inheritdoc />
    public EnergyFigure Energy(NetworkPlan plan, LatencyMeasurement latency)
    {
        using var inference = workload.Prepare(plan, latency.BatchSize);
        int group = PassesPerGroup(latency.MedianMilliseconds);
        string? firstFailure = null;
        // One retry: a single stalled window (the driver skipping updates) should not cost the measurement.
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var r = CounterWindow.Measure(counter, inference.Run, group, _window, _stallTimeout);
                return new EnergyFigure(r.MillijoulesPerPass, FigureSource.Measured, string.Create(CultureInfo.InvariantCulture,
                    $"measured: {counter.Description}, {r.Millijoules} mJ over {r.Passes:0.#} passes in {r.Seconds:0.###} s ({r.MillisecondsPerPass:0.####} ms a pass; back to back, synchronised every {group}; counter read on its own thread at {r.CounterUpdates} updates); whole board, idle power included"))
                {
                    Window = r.WallClockEdges is { } edges ? new EnergyWindow(edges.From, edges.To, r.Millijoules, r.Passes) : null,
                };
            }
            catch (EnergyCounterException e)
            {
                firstFailure ??= e.Message;
            }
        }
        var estimate = fallback.Energy(plan, latency);
        return estimate with { Method = $"{estimate.Method} — because {counter.Description} failed: {firstFailure}" };
    }
}
