using ShapeDnn.DesignSpace;

namespace ShapeDnn.Profiles;

/// <summary>Measures forward-pass latency of a network on the deployment device.</summary>
public interface ILatencyProfiler
{
    /// <summary>A stable string identifying the device and runtime (CPU model, threads, runtime version); part of cache keys.</summary>
    string DeviceFingerprint { get; }

    /// <summary>A human-readable device description.</summary>
    string DeviceDescription { get; }

    /// <summary>Measures one forward pass of a batch of <paramref name="batchSize"/> images (random weights).</summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    LatencyMeasurement Measure(NetworkPlan plan, int batchSize, CancellationToken cancellationToken);
}

/// <summary>Gives the energy of one forward pass. Implementations say whether they measure or estimate.</summary>
public interface IEnergyMeter
{
    /// <summary>Whether figures are estimates (no hardware counter).</summary>
    bool IsEstimate { get; }

    /// <summary>The energy of one forward pass of <paramref name="plan"/>, given its latency.</summary>
    EnergyFigure Energy(NetworkPlan plan, LatencyMeasurement latency);
}
