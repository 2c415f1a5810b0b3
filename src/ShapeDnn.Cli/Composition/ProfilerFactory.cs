using ShapeDnn.Data;
using ShapeDnn.Diagnostics;
using ShapeDnn.Latency;
using ShapeDnn.Latency.Energy;
using ShapeDnn.Onnx;
using ShapeDnn.Profiles;
using ShapeDnn.Training.Native;
using ShapeDnn.Training.Profiling;
using TorchSharp;

namespace ShapeDnn.Cli.Composition;

/// <summary>The latency profiler and energy meter of the search's device.</summary>
/// <param name="Profiler">Times forward passes on the device.</param>
/// <param name="Energy">The energy meter and why it was chosen.</param>
internal sealed record DeviceProfiling(ILatencyProfiler Profiler, EnergyMeterChoice Energy);

/// <summary>Chooses how latency and energy are measured on the search's device.</summary>
internal static class ProfilerFactory
{
    /// <summary>Creates the profiler and meter for <paramref name="device"/> (libtorch must be loaded first for CUDA).</summary>
    /// <exception cref="ShapeDnnException">SDNN019 when CUDA is asked for and unusable.</exception>
    public static DeviceProfiling Create(DeviceType device, TorchNativeOptions native, TimeSpan? energyWindow = null)
    {
        if (device == DeviceType.CUDA)
        {
            // NVML names the GPU and the driver for the fingerprint; without it the figures still come, less well labelled.
            var nvml = NvmlDevice.TryOpen(0, out string reason);
            var profiler = new TorchCudaLatencyProfiler(new TorchCudaProfilerOptions
            {
                GpuName = nvml?.Name ?? "NVIDIA GPU (name unknown: NVML unavailable)",
                DriverVersion = nvml?.DriverVersion ?? "unknown",
                Native = native,
            }.WithTimeCapFrom(Environment.GetEnvironmentVariable(TorchCudaProfilerOptions.TimeCapEnvironmentVariable)));
            var estimate = new EstimatedGpuEnergyMeter();
            var energy = nvml is null
                ? new EnergyMeterChoice(estimate, $"estimated ({estimate.AssumedWatts} W assumed board power × latency) because {reason}")
                : new EnergyMeterChoice(new NvmlEnergyMeter(profiler, nvml, estimate, energyWindow), $"measured with the {reason}");
            return new DeviceProfiling(profiler, energy);
        }

        // Latency is timed on random weights with identity normalisation: values do not change timing.
        var identity = (Func<int, ChannelNormalization>)(c => new ChannelNormalization(Enumerable.Repeat(0f, c).ToArray(), Enumerable.Repeat(1f, c).ToArray()));
        var cpu = new OnnxCpuLatencyProfiler((plan, weights) => OnnxExporter.Export(plan, weights, identity(plan.Input.Channels)));
        return new DeviceProfiling(cpu, EnergyMeterFactory.Create(cpu, cpu.Device.IntraOpThreads));
    }
}
