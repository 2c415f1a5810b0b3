using ShapeDnn.Diagnostics;
using TorchSharp;

namespace ShapeDnn.Training.Native;

/// <summary>
/// Turns <c>auto | cpu | cuda</c> (ShapeDnnDevice, <c>--device</c>) into a device, loading the native
/// libraries first. <c>auto</c> never fails for want of CUDA: it falls back to the CPU and says why;
/// <c>cuda</c> that cannot work fails with everything that was tried.
/// </summary>
public static class DeviceSelection
{
    /// <summary>The accepted names.</summary>
    public static readonly string[] Names = ["auto", "cpu", "cuda"];

    /// <summary>Loads TorchSharp and picks the device for <paramref name="device"/>.</summary>
    /// <param name="device">auto, cpu or cuda (case-insensitive).</param>
    /// <param name="native">Where libtorch comes from.</param>
    /// <param name="log">Receives one line about the choice.</param>
    /// <exception cref="ShapeDnnException">SDNN009 for an unknown name; SDNN019 when cuda was asked for and cannot be used; SDNN015 when the libraries do not load.</exception>
    public static DeviceType Resolve(string device, TorchNativeOptions native, Action<string>? log = null)
    {
        var name = device.Trim().ToLowerInvariant();
        if (!Names.Contains(name))
            throw new ShapeDnnException(ErrorCode.BadOption, $"Device '{device}' is not one of auto, cpu, cuda.");
        var report = TorchNative.EnsureLoaded(native);
        if (name == "cpu") return DeviceType.CPU;

        string? initError = null;
        // With an explicit CUDA libtorch TorchSharp must initialise its CUDA side (NATIVE.md §2). With the
        // packaged libtorch only an explicit "cuda" asks TorchSharp to look for its CUDA packages: a CPU-only
        // install then fails cleanly, while "auto" must not disturb it.
        if (report.CudaLibraryLoaded || name == "cuda")
        {
            try
            {
                torch.InitializeDeviceType(DeviceType.CUDA);
            }
            catch (Exception e) when (e is NotSupportedException or DllNotFoundException or InvalidOperationException or TypeInitializationException or System.Runtime.InteropServices.ExternalException)
            {
                initError = e.Message.Split('\n', 2)[0];
            }
        }
        bool available = initError is null && SafeIsAvailable();
        if (available)
        {
            log?.Invoke($"ShapeDnn: training on CUDA ({torch.cuda.device_count()} device(s)).");
            return DeviceType.CUDA;
        }
        var tried = Tried(report, initError);
        if (name == "cuda")
            throw new ShapeDnnException(ErrorCode.DeviceUnavailable,
                $"CUDA was requested but cannot be used. Tried: {tried}. Point --libtorch (ShapeDnnLibTorchPath, {TorchNativeOptions.LibTorchEnvironmentVariable}) " +
                "at the lib folder of a CUDA build of PyTorch/libtorch (e.g. <site-packages>/torch/lib) on a machine with an NVIDIA driver, or use --device cpu.");
        log?.Invoke($"ShapeDnn: training on the CPU (auto: CUDA not usable; tried {tried}).");
        return DeviceType.CPU;
    }

    /// <summary>The CUDA devices libtorch sees (those CUDA_VISIBLE_DEVICES leaves); call after <see cref="Resolve"/> chose CUDA.</summary>
    public static int CudaDeviceCount() => torch.cuda.device_count();

    /// <summary>What was tried, for messages: the libtorch folder, whether libtorch_cuda.so was there, what CUDA initialisation and torch.cuda.is_available() said.</summary>
    internal static string Tried(NativeLoadReport report, string? initError)
    {
        var folder = report.LibTorchDirectory is null
            ? "libtorch: the application's packaged libtorch (no --libtorch/" + TorchNativeOptions.LibTorchEnvironmentVariable + " given)"
            : $"libtorch folder '{report.LibTorchDirectory}'{(report.LibTorchVersionText is null ? "" : $" (version {report.LibTorchVersionText})")}";
        var cudaLibrary = report.LibTorchDirectory is null
            ? "libtorch_cuda.so: not part of the packaged CPU libtorch"
            : $"libtorch_cuda.so: {(report.CudaLibraryLoaded ? "found and loaded" : "not found in that folder (a CPU-only build)")}";
        var init = initError is null ? "" : $"; TorchSharp CUDA initialisation failed: {initError}";
        return $"{folder}; {cudaLibrary}{init}; torch.cuda.is_available(): {(initError is null && SafeIsAvailable() ? "true" : "false")}";
    }

    private static bool SafeIsAvailable()
    {
        try { return torch.cuda.is_available(); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException) { return false; }
    }
}
