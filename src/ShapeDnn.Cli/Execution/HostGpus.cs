using System.Globalization;
using ShapeDnn.Execution;
using ShapeDnn.Latency.Energy;

namespace ShapeDnn.Cli.Execution;

/// <summary>The GPUs of this host that <c>--gpus</c> picks, with their model names (from NVML).</summary>
internal static class HostGpus
{
    /// <summary>The selected GPUs among the <paramref name="deviceCount"/> CUDA sees.</summary>
    /// <exception cref="Diagnostics.ShapeDnnException">SDNN019 without CUDA, or naming the GPU numbers the host does not have.</exception>
    public static IReadOnlyList<GpuDevice> Select(GpuSelection selection, int deviceCount)
    {
        var inherited = Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES");
        return selection.Resolve(deviceCount).Select(id => new GpuDevice(id, NameOf(id, inherited))).ToList();
    }

    /// <summary>The model name, which keys the workers-per-GPU measurements; "cuda" when NVML cannot say.</summary>
    private static string NameOf(int id, string? inherited)
    {
        // NVML numbers the host's devices; CUDA numbers those this process sees.
        var visible = GpuSelection.VisibleDevicesFor(id, inherited);
        if (!int.TryParse(visible, NumberStyles.None, CultureInfo.InvariantCulture, out int index)) return "cuda";
        return NvmlDevice.TryOpen(index, out _) is { } device ? device.Name : "cuda";
    }
}
