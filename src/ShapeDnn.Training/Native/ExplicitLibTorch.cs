using System.Reflection;
using System.Runtime.InteropServices;
using ShapeDnn.Diagnostics;
using TorchSharp;

namespace ShapeDnn.Training.Native;

/// <summary>
/// Loads an existing libtorch (for example PyTorch's <c>torch/lib</c>) under TorchSharp's bridge,
/// TorchSharp's documented route for a Python install of PyTorch and the way to CUDA where the
/// TorchSharp CUDA packages are unavailable.
/// </summary>
internal static class ExplicitLibTorch
{
    /// <summary>Load order: each library's dependencies first; CUDA parts only where present.</summary>
    private static readonly (string Name, bool Required)[] Libraries =
    [
        ("libc10.so", true),
        ("libc10_cuda.so", false),
        ("libtorch_cpu.so", true),
        ("libtorch_cuda.so", false),
        ("libtorch.so", true),
    ];

    /// <summary>Loads the libtorch in <paramref name="directory"/>, then <paramref name="bridgePath"/>.</summary>
    /// <returns>Whether a CUDA libtorch was loaded.</returns>
    /// <exception cref="ShapeDnnException">The folder or a library is missing or does not load.</exception>
    public static bool Load(string directory, string bridgePath, Action<string>? log)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
            throw new ShapeDnnException(ErrorCode.NativeLibrary,
                $"The libtorch folder '{full}' (from {TorchNativeOptions.LibTorchEnvironmentVariable} or the libtorch path option) does not exist. " +
                "It must be the 'lib' folder of a libtorch, for example '<site-packages>/torch/lib' of a PyTorch install.");
        var absent = Libraries.Where(l => l.Required && !File.Exists(Path.Combine(full, l.Name))).Select(l => l.Name).ToList();
        if (absent.Count > 0)
            throw new ShapeDnnException(ErrorCode.NativeLibrary,
                $"The libtorch folder '{full}' lacks {string.Join(", ", absent)}; it must be the 'lib' folder of a libtorch " +
                "(holding libc10.so, libtorch_cpu.so and libtorch.so), for example '<site-packages>/torch/lib'.");

        CheckVersion(full, log);
        bool cuda = false;
        foreach (var (name, _) in Libraries)
        {
            var path = Path.Combine(full, name);
            if (!File.Exists(path)) continue;
            LoadOrThrow(path, $"libtorch from '{full}'");
            cuda |= name.Contains("cuda", StringComparison.Ordinal);
        }
        // The bridge's DT_NEEDED entries (libtorch.so, libc10.so, libtorch_cpu.so) bind by soname to the copies just loaded.
        LoadOrThrow(bridgePath, $"TorchSharp's bridge over the libtorch in '{full}'");
        MarkTorchSharpBackendLoaded(cuda);
        log?.Invoke($"ShapeDnn: using libtorch from '{full}'{(cuda ? " (CUDA)" : "")} with TorchSharp bridge '{bridgePath}'.");
        return cuda;
    }

    /// <summary>Refuses a libtorch of another major version than TorchSharp's; warns about another minor version.</summary>
    private static void CheckVersion(string folder, Action<string>? log)
    {
        var (text, source) = LibTorchVersion.Read(folder);
        string expected = LibTorchVersion.Expected.ToString(3);
        switch (LibTorchVersion.Classify(text))
        {
            case LibTorchVersion.Compatibility.MajorMismatch:
                throw new ShapeDnnException(ErrorCode.NativeLibrary,
                    $"The libtorch in '{folder}' is version {text} (from '{source}'), but TorchSharp {typeof(torch).Assembly.GetName().Version?.ToString(3)} " +
                    $"is built for libtorch {expected}: a different major version does not work. Use a PyTorch/libtorch {LibTorchVersion.Expected.Major}.x install.");
            case LibTorchVersion.Compatibility.MinorMismatch:
                log?.Invoke($"ShapeDnn: warning: the libtorch in '{folder}' is version {text}, TorchSharp is built for {expected}; " +
                    "minor versions usually work together (2.11 was verified), but if loading or training fails, use libtorch " + expected + ".");
                break;
            case LibTorchVersion.Compatibility.Unknown:
                log?.Invoke($"ShapeDnn: the version of the libtorch in '{folder}' is unknown (no ../version.py or ../build-version); TorchSharp is built for {expected}.");
                break;
        }
    }

    /// <summary>Loads one library by path, turning the loader's message into a ShapeDnn diagnostic.</summary>
    public static void LoadOrThrow(string path, string what)
    {
        try
        {
            NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new ShapeDnnException(ErrorCode.NativeLibrary, $"Loading {what} failed: '{path}' did not load: {e.Message}", e);
        }
    }

    /// <summary>
    /// Tells TorchSharp its native backend is loaded. Otherwise its first use probes the libtorch
    /// packaged with the application by path, which loads a second libtorch into the process, and
    /// libtorch aborts ("Tried to register multiple backend fallbacks").
    /// </summary>
    private static void MarkTorchSharpBackendLoaded(bool cuda)
    {
        const BindingFlags flags = BindingFlags.NonPublic | BindingFlags.Static;
        var names = cuda ? new[] { "nativeBackendLoaded", "nativeBackendCudaLoaded" } : ["nativeBackendLoaded"];
        foreach (var name in names)
        {
            var field = typeof(torch).GetField(name, flags)
                ?? throw new ShapeDnnException(ErrorCode.NativeLibrary,
                    $"This TorchSharp version ({typeof(torch).Assembly.GetName().Version}) has no field '{name}'; " +
                    "ShapeDnn cannot use an explicit libtorch folder with it safely. Unset the libtorch path to use the packaged libtorch.");
            field.SetValue(null, true);
        }
    }
}
