using ShapeDnn.Cache;
using ShapeDnn.Diagnostics;
using TorchSharp;

namespace ShapeDnn.Training.Native;

/// <summary>
/// The one entry point that prepares and loads TorchSharp's native libraries. Every process calls
/// <see cref="EnsureLoaded"/> before touching TorchSharp (the worker at start, tests in a setup fixture).
/// </summary>
/// <remarks>
/// On Linux it first checks TorchSharp's bridge <c>libLibTorchSharp.so</c> against the libstdc++ the
/// process uses. TorchSharp 0.107.0's bridge names <c>GLIBCXX_3.4.32</c> (GCC 13), which Debian 12 and
/// Ubuntu 22.04 lack; the loader then refuses it. Where that happens, the copy of the bridge in the
/// application's output (beside the libtorch TorchSharp loads, never the NuGet cache) is patched
/// once, see <see cref="LibStdCxxCompatibilityPatch"/>. Then the libraries are loaded, from an
/// explicit libtorch folder if one is configured, and TorchSharp's CPU backend is initialised.
/// </remarks>
public static class TorchNative
{
    private const string BridgeFileName = "libLibTorchSharp.so";
    private static readonly Lock Gate = new();
    private static NativeLoadReport? _report;

    /// <summary>Prepares and loads the native libraries once per process; later calls return the first report.</summary>
    /// <exception cref="ShapeDnnException">With <see cref="ErrorCode.NativeLibrary"/>: what was tried and why it failed.</exception>
    public static NativeLoadReport EnsureLoaded(TorchNativeOptions? options = null)
    {
        options ??= new TorchNativeOptions();
        var libTorch = options.LibTorchDirectory ?? NullIfEmpty(Environment.GetEnvironmentVariable(TorchNativeOptions.LibTorchEnvironmentVariable));
        lock (Gate)
        {
            if (_report is not null)
            {
                if (libTorch is not null && _report.LibTorchDirectory != Path.GetFullPath(libTorch))
                    throw new ShapeDnnException(ErrorCode.NativeLibrary,
                        $"libtorch is already loaded from '{_report.LibTorchDirectory ?? "the application's packages"}'; " +
                        $"a process cannot switch to '{libTorch}' (two libtorch copies abort the process).");
                return _report;
            }
            _report = OperatingSystem.IsLinux() ? LoadOnLinux(libTorch, options.Log) : LoadElsewhere(libTorch);
            return _report;
        }
    }

    private static NativeLoadReport LoadOnLinux(string? libTorch, Action<string>? log)
    {
        var bridge = LocateBridge();
        var libStdCxx = LoadedLibraries.Resolve(LibStdCxxCompatibilityPatch.LibStdCxx)
            ?? throw new ShapeDnnException(ErrorCode.NativeLibrary,
                "The system C++ runtime libstdc++.so.6 could not be loaded; install it (Debian/Ubuntu package libstdc++6).");
        var outcome = MakeCompatible(bridge, libStdCxx, log);

        bool cuda = false;
        if (libTorch is not null)
            cuda = ExplicitLibTorch.Load(libTorch, bridge, log);
        else
            // Loading the bridge by path here gives the loader's own message if it fails; TorchSharp's
            // probing then finds the same file and gets the same handle.
            ExplicitLibTorch.LoadOrThrow(bridge, "TorchSharp's bridge");
        InitializeCpu(bridge);
        return new NativeLoadReport(bridge, libStdCxx, outcome.Status, outcome.Versions,
            libTorch is null ? null : Path.GetFullPath(libTorch))
        {
            CudaLibraryLoaded = cuda,
            LibTorchVersionText = libTorch is null ? null : LibTorchVersion.Read(libTorch).Text,
        };
    }

    private static NativeLoadReport LoadElsewhere(string? libTorch)
    {
        if (libTorch is not null)
            throw new ShapeDnnException(ErrorCode.NativeLibrary,
                $"An explicit libtorch folder ('{libTorch}') is supported on Linux only; unset {TorchNativeOptions.LibTorchEnvironmentVariable}.");
        InitializeCpu(null);
        return new NativeLoadReport(null, null, PatchStatus.Compatible, [], null);
    }

    /// <summary>Checks the bridge against <paramref name="libStdCxx"/> and writes the patched file if needed.</summary>
    private static PatchOutcome MakeCompatible(string bridge, string libStdCxx, Action<string>? log)
    {
        PatchOutcome outcome;
        ElfImage image;
        try
        {
            var provided = ElfVersioning.DefinedVersions(new ElfImage(File.ReadAllBytes(libStdCxx)));
            image = new ElfImage(File.ReadAllBytes(bridge));
            outcome = LibStdCxxCompatibilityPatch.Apply(image, provided);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            throw new ShapeDnnException(ErrorCode.NativeLibrary,
                $"TorchSharp's bridge '{bridge}' cannot be used with the system libstdc++ '{libStdCxx}': {e.Message}", e);
        }

        if (outcome.Status == PatchStatus.Patched)
        {
            try
            {
                AtomicFile.Replace(bridge, image.Bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ShapeDnnException(ErrorCode.NativeLibrary,
                    $"The system libstdc++ '{libStdCxx}' lacks {string.Join(", ", outcome.Versions)}, which TorchSharp's bridge names, " +
                    $"and the patched bridge could not be written to '{bridge}': {e.Message} " +
                    "Run once with write access to that folder, or upgrade libstdc++ (GCC 13 or later).", e);
            }
            log?.Invoke($"ShapeDnn: the system libstdc++ '{libStdCxx}' lacks {string.Join(", ", outcome.Versions)}; patched '{bridge}' " +
                $"(versions marked weak; symbols {string.Join(", ", outcome.Symbols)} made unversioned and weak; they are never called).");
        }
        else if (outcome.Status == PatchStatus.AlreadyPatched)
            log?.Invoke($"ShapeDnn: '{bridge}' is already patched for the system libstdc++ (lacks {string.Join(", ", outcome.Versions)}).");
        return outcome;
    }

    /// <summary>
    /// The bridge TorchSharp will load: the runtime probes the application's native asset folders
    /// (from deps.json) first, then TorchSharp's own folder; the packaged libtorch lies beside it.
    /// </summary>
    private static string LocateBridge()
    {
        var folders = ((AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Append(Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? "")
            .Append(AppContext.BaseDirectory)
            .Where(f => f.Length > 0)
            .Distinct()
            .ToList();
        foreach (var folder in folders)
        {
            var path = Path.Combine(folder, BridgeFileName);
            if (File.Exists(path)) return Path.GetFullPath(path);
        }
        throw new ShapeDnnException(ErrorCode.NativeLibrary,
            $"TorchSharp's native bridge {BridgeFileName} was not found; looked in: {string.Join(", ", folders)}. " +
            "The application must reference the TorchSharp-cpu package (or TorchSharp plus a libtorch package).");
    }

    private static void InitializeCpu(string? bridge)
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or InvalidOperationException or TypeInitializationException)
        {
            throw new ShapeDnnException(ErrorCode.NativeLibrary,
                $"TorchSharp did not initialise its CPU backend{(bridge is null ? "" : $" (bridge '{bridge}')")}: {e.Message}", e);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
