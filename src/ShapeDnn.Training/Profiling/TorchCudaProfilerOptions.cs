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
    /// Warm-up, repeats, spread target and time cap per shape. Samples of at least 10 ms of back-to-back
    /// passes (2 ms gave a 9 % spread of medians between runs on an H100), so that a sub-millisecond pass is
    /// not swamped by the host's launch jitter and the synchronisation's cost. GPU timings of compute-bound
    /// shapes are steady and meet the 5 % spread target within the least 50 samples; launch-bound ones (small
    /// Wide ResNets at 28×28) never do — their spread is the host's jitter — and run to the cap, so the cap
    /// sets the cost of profiling: 0.75 s. At 3 s an H200 spent 42 of a 110-shape search's 57 s of profiling on
    /// 14 such shapes; at 1.5 s profiling still took 39 of that search's 162 s (26 shapes at about 1.5 s each).
    /// What a longer cap buys is small: 0.55 s of 10 ms samples is about 55 samples, whose median should move by
    /// about 2 % where the samples spread by 25 % (an estimate: 1.25 σ/√n), while the same launch-bound shape's
    /// median moved by up to 1.9× between processes on that host and compute-bound shapes repeated within
    /// 1–4 % (benchmarks/RESULTS.md, 110-shape grid, fourth pass). Per shape the warm-up is at least 20 passes and a quarter
    /// of the cap (cuDNN's autotuning, the allocator's cache); the GPU's clocks are already up from the shape
    /// before, and the first shape of a process gets <see cref="IdleWarmupTime"/> as well.
    /// </summary>
    public TimingOptions Timing { get; init; } = new(WarmupRuns: 20, MinRuns: 50, MaxRuns: 2000, TargetRelativeSpread: 0.05, TimeCap: TimeSpan.FromSeconds(0.75),
        WarmupTime: TimeSpan.FromMilliseconds(200), MinSampleTime: TimeSpan.FromMilliseconds(10));

    /// <summary>
    /// Load before the first measurement of a process: an idle GPU's clocks take a few hundred milliseconds of
    /// load to ramp up, and the process's own forward path is still being recompiled by the .NET runtime's
    /// tiers (a launch-bound pass is host work); the first shapes should not be timed on the way up. On an
    /// H200 the first shapes of a 110-shape profile read up to 1.7× their later-measured neighbours after 1 s.
    /// </summary>
    public TimeSpan IdleWarmupTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Seed of the random weights and input (timing does not depend on their values).</summary>
    public int Seed { get; init; }

    /// <summary>How the native libraries are loaded if this process has not loaded them yet.</summary>
    public TorchNativeOptions Native { get; init; } = new();
}
