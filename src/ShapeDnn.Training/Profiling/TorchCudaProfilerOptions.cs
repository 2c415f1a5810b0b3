using ShapeDnn.Profiles;
using ShapeDnn.Training.Native;

namespace ShapeDnn.Training.Profiling;

/// <summary>How <see cref="TorchCudaLatencyProfiler"/> measures, and what identifies the GPU.</summary>
public sealed record TorchCudaProfilerOptions
{
    /// <summary>The CUDA device index.</summary>
    public int DeviceIndex { get; init; }

    /// <summary>The GPU's product name (from NVML); TorchSharp 0.107 cannot tell it. Part of the fingerprint.</summary>
    public string GpuName { get; init; } = "unknown GPU";

    /// <summary>The NVIDIA driver version (from NVML). Part of the fingerprint.</summary>
    public string DriverVersion { get; init; } = "unknown";

    /// <summary>
    /// Warm-up, repeats, spread target and time cap. At least 500 ms of warm-up (an idle GPU's clocks take a
    /// few hundred milliseconds of load to ramp up); samples of at least 10 ms of back-to-back passes (2 ms gave a 9 % spread of medians between runs on an H100), so that
    /// a sub-millisecond pass is not swamped by the host's launch jitter and the synchronisation's cost.
    /// GPU timings are steady, so the spread target is tight.
    /// </summary>
    public TimingOptions Timing { get; init; } = new(WarmupRuns: 20, MinRuns: 50, MaxRuns: 2000, TargetRelativeSpread: 0.05, TimeCap: TimeSpan.FromSeconds(3),
        WarmupTime: TimeSpan.FromMilliseconds(500), MinSampleTime: TimeSpan.FromMilliseconds(10));

    /// <summary>Seed of the random weights and input (timing does not depend on their values).</summary>
    public int Seed { get; init; }

    /// <summary>How the native libraries are loaded if this process has not loaded them yet.</summary>
    public TorchNativeOptions Native { get; init; } = new();
}
