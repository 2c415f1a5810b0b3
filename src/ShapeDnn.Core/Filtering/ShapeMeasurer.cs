using ShapeDnn.Profiles;

namespace ShapeDnn.Filtering;

/// <summary>
/// Measures one shape's latency (and, where asked, energy) on the device and records it in its
/// profile; a shape the device cannot run is excluded with the device's reason instead of failing
/// the search. Used by the filter and, after the search, to measure the chosen shape and its rivals.
/// </summary>
/// <param name="latencyProfiler">Times forward passes.</param>
/// <param name="energyMeter">Gives the energy of a forward pass.</param>
/// <param name="batchSize">Images per forward pass.</param>
public sealed class ShapeMeasurer(ILatencyProfiler latencyProfiler, IEnergyMeter energyMeter, int batchSize)
{
    private readonly List<string> _unmeasurable = [];

    /// <summary>Shapes the device could not run, with the reason.</summary>
    public IReadOnlyList<string> Unmeasurable => _unmeasurable;

    /// <summary>Latency measurements made.</summary>
    public int Measurements { get; private set; }

    /// <summary>The energy meter (its <see cref="IEnergyMeter.IsEstimate"/> decides whether energy can be fitted).</summary>
    public IEnergyMeter EnergyMeter => energyMeter;

    /// <summary>Measures latency unless it is measured already, and energy when <paramref name="withEnergy"/> and not measured yet.</summary>
    /// <returns>False when the device cannot run the shape; it is then excluded with the reason.</returns>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public bool Measure(ShapeProfile profile, bool withEnergy, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            if (profile.Latency is not { Source: FigureSource.Measured })
            {
                profile.Latency = latencyProfiler.Measure(profile.Plan, batchSize, cancellationToken);
                Measurements++;
                // An energy figure derived from a predicted latency is stale now.
                if (profile.Energy is { Source: not FigureSource.Measured }) profile.Energy = null;
            }
            if (withEnergy && profile.Energy is null or { Source: FigureSource.Predicted })
                profile.Energy = energyMeter.Energy(profile.Plan, profile.Latency);
            return true;
        }
        catch (ShapeNotMeasurableException e)
        {
            profile.ExcludedBy = $"Device: {e.Message}";
            _unmeasurable.Add($"{profile.Shape.Name}: {e.Message}");
            return false;
        }
    }
}
