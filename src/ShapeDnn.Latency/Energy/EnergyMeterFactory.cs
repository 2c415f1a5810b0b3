using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Energy;

/// <summary>The energy meter in use and why it was chosen, for the report and the build output.</summary>
/// <param name="Meter">The meter.</param>
/// <param name="Reason">Why: which counters were found, or why the estimate is used.</param>
public sealed record EnergyMeterChoice(IEnergyMeter Meter, string Reason);

/// <summary>Picks a hardware energy counter where one is readable (RAPL on CPUs, NVML on NVIDIA GPUs), else the documented estimate.</summary>
public static class EnergyMeterFactory
{
    /// <summary>Chooses the meter for this machine.</summary>
    /// <param name="workload">Runs the forward passes RAPL measures (the latency profiler).</param>
    /// <param name="activeThreads">Threads inference keeps busy (for the estimate).</param>
    /// <param name="sysfsRoot">The powercap folder (injectable for tests).</param>
    public static EnergyMeterChoice Create(IInferenceWorkload workload, int activeThreads, string sysfsRoot = RaplEnergyMeter.DefaultSysfsRoot)
    {
        var rapl = RaplEnergyMeter.TryCreate(workload, out string reason, sysfsRoot);
        if (rapl is not null) return new EnergyMeterChoice(rapl, $"measured with {reason}");
        var estimate = new EstimatedCpuEnergyMeter(activeThreads);
        return new EnergyMeterChoice(estimate, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"estimated ({estimate.WattsPerThread} W per busy thread × {activeThreads} threads × latency) because {reason}"));
    }

    /// <summary>Chooses the meter for NVIDIA GPU <paramref name="deviceIndex"/>: NVML's energy counter where it reads, else the labelled estimate.</summary>
    /// <param name="workload">Runs the forward passes on that GPU (the CUDA latency profiler).</param>
    /// <param name="deviceIndex">The GPU.</param>
    /// <param name="window">Least measuring window per shape; null for the meter's default.</param>
    public static EnergyMeterChoice CreateForCuda(IInferenceWorkload workload, int deviceIndex, TimeSpan? window = null)
    {
        var estimate = new EstimatedGpuEnergyMeter();
        var device = NvmlDevice.TryOpen(deviceIndex, out string reason);
        return device is null
            ? new EnergyMeterChoice(estimate, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"estimated ({estimate.AssumedWatts} W assumed board power × latency) because {reason}"))
            : new EnergyMeterChoice(new NvmlEnergyMeter(workload, device, estimate, window), $"measured with the {reason}");
    }
}
