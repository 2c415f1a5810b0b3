using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Energy;

/// <summary>The energy meter in use and why it was chosen, for the report and the build output.</summary>
/// <param name="Meter">The meter.</param>
/// <param name="Reason">Why: which counters were found, or why the estimate is used.</param>
public sealed record EnergyMeterChoice(IEnergyMeter Meter, string Reason);

/// <summary>Picks RAPL counters where they are readable, else the documented estimate.</summary>
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
}
