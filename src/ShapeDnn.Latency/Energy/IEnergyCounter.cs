namespace ShapeDnn.Latency.Energy;

/// <summary>A cumulative hardware energy counter (NVML's total-energy counter; a fake in tests).</summary>
public interface IEnergyCounter
{
    /// <summary>What the counter is, e.g. <c>NVML total energy of NVIDIA H100 80GB HBM3 (GPU 0)</c>.</summary>
    string Description { get; }

    /// <summary>Energy since an arbitrary origin, in millijoules.</summary>
    /// <exception cref="EnergyCounterException">The counter cannot be read.</exception>
    ulong ReadMillijoules();
}

/// <summary>An energy counter failed: not readable, stalled, or went backwards.</summary>
/// <param name="message">What happened, in words for the report.</param>
public sealed class EnergyCounterException(string message) : Exception(message);
