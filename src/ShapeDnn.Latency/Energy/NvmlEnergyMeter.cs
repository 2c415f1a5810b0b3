using System.Globalization;
using ShapeDnn.DesignSpace;
using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Energy;

/// <summary>
/// Measures the energy of one forward pass on an NVIDIA GPU with NVML's total-energy counter
/// (<c>nvmlDeviceGetTotalEnergyConsumption</c>, millijoules since the driver loaded) over a timed
/// loop of synchronised passes of the prepared network (see <see cref="CounterWindow"/>).
/// </summary>
/// <remarks>
/// The figure is the whole board's energy during the loop, idle power included — what the deployed
/// app pays. The counter updates every 20–100 ms, so the window is 2 s by default. When the counter
/// fails for a shape (stalls, goes backwards, stops answering) the figure falls back to
/// <paramref name="fallback"/>'s estimate, labelled with the reason, and the engine decides whether
/// an estimate is acceptable.
/// </remarks>
/// <param name="workload">Prepares the network on the GPU.</param>
/// <param name="counter">The GPU's counter.</param>
/// <param name="fallback">The estimate used where the counter fails.</param>
/// <param name="window">Least measuring window; null for 2 s.</param>
/// <param name="stallTimeout">How long the counter may stay unchanged while the GPU works; null for 1 s.</param>
public sealed class NvmlEnergyMeter(IInferenceWorkload workload, IEnergyCounter counter, IEnergyMeter fallback, TimeSpan? window = null, TimeSpan? stallTimeout = null) : IEnergyMeter
{
    private readonly TimeSpan _window = window ?? TimeSpan.FromSeconds(2);
    private readonly TimeSpan _stallTimeout = stallTimeout ?? TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public bool IsEstimate => false;

    /// <summary>The counter used.</summary>
    public string CounterDescription => counter.Description;

    /// <inheritdoc />
    public EnergyFigure Energy(NetworkPlan plan, LatencyMeasurement latency)
    {
        using var inference = workload.Prepare(plan, latency.BatchSize);
        string? firstFailure = null;
        // One retry: a single stalled window (the driver skipping updates) should not cost the measurement.
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var result = CounterWindow.Measure(counter, () => inference.Run(1), _window, _stallTimeout);
                return new EnergyFigure(result.MillijoulesPerPass, FigureSource.Measured, string.Create(CultureInfo.InvariantCulture,
                    $"measured: {counter.Description}, {result.Millijoules} mJ over {result.Passes} synchronised passes in {result.Seconds:0.###} s; whole board, idle power included"));
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
