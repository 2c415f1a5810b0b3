using System.Globalization;
using ShapeDnn.Diagnostics;
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
    /// sets the cost of profiling: 0.4 s. On an H200 a 110-shape search's profiling took 57 s at a 3 s cap,
    /// 39 s at 1.5 s, 25–30 s at 0.75 s (seven runs) and 16–20 s at 0.4 s (five runs, the same 24 shapes measured
    /// and picks as good). What the longer cap bought was nothing measurable: seven shapes profiled in three
    /// processes at 0.4 s and in nine at 0.75 s (benchmarks/gpu/latency-noise.sh) gave medians within 0.2–9 %
    /// of each other, the 0.4 s figure the lower where they differ by more than 2 %; and single readings of
    /// 1.4–1.7× a shape's usual figure came at both caps (2 of 63 at 0.75 s, 1 of 21 at 0.4 s) — episodes of
    /// the host's launch path that longer sampling does not average away (benchmarks/RESULTS.md, sixth pass). Per shape
    /// the warm-up is at least 20 passes and a quarter of the cap (cuDNN's autotuning, the allocator's cache);
    /// the GPU's clocks are already up from the shape before, and the first shape of a process gets
    /// <see cref="IdleWarmupTime"/> as well.
    /// </summary>
    public TimingOptions Timing { get; init; } = new(WarmupRuns: 20, MinRuns: 50, MaxRuns: 2000, TargetRelativeSpread: 0.05, TimeCap: TimeSpan.FromSeconds(0.4),
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

    /// <summary>
    /// Environment variable that overrides <see cref="Timing"/>'s time cap, in seconds (0.05 to 10), for benchmarks
    /// that weigh profiling time against repeatability (docs/gpu.md). Not a product setting: the default is measured.
    /// </summary>
    public const string TimeCapEnvironmentVariable = "SHAPEDNN_GPU_LATENCY_CAP_SECONDS";

    /// <summary>These options with the time cap from <paramref name="seconds"/> (the environment variable's text); unchanged when it is null or empty.</summary>
    /// <exception cref="ShapeDnnException">SDNN bad option: the text is not a number of seconds from 0.05 to 10.</exception>
    public TorchCudaProfilerOptions WithTimeCapFrom(string? seconds)
    {
        if (string.IsNullOrWhiteSpace(seconds)) return this;
        if (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) || !(s >= 0.05 && s <= 10))
            throw new ShapeDnnException(ErrorCode.BadOption,
                $"{TimeCapEnvironmentVariable}='{seconds}' is not a number of seconds from 0.05 to 10.");
        return this with { Timing = Timing with { TimeCap = TimeSpan.FromSeconds(s) } };
    }
}
