using ShapeDnn.Profiles;

namespace ShapeDnn.Latency.Energy;

/// <summary>An energy meter that reads a hardware counter: its figures are worth caching (see <see cref="Cache.CachingEnergyMeter"/>).</summary>
public interface IMeasuringEnergyMeter : IEnergyMeter
{
    /// <summary>
    /// Identifies the counter and the measuring method (with a version bumped when the method changes);
    /// together with the latency profiler's device fingerprint it keys cached figures.
    /// </summary>
    string MethodFingerprint { get; }
}
