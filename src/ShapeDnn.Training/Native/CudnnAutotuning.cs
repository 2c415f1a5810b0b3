using System.Runtime.InteropServices;

namespace ShapeDnn.Training.Native;

/// <summary>
/// Switches on cuDNN's algorithm autotuning (PyTorch's <c>torch.backends.cudnn.benchmark = True</c>),
/// which TorchSharp 0.107 does not expose, by calling libtorch's C++ API directly:
/// <c>at::globalContext()</c> and <c>at::Context::setBenchmarkCuDNN(bool)</c>, both exported by
/// <c>libtorch_cpu.so</c>.
/// </summary>
/// <remarks>
/// Itanium C++ ABI on x86-64: a non-virtual member function is a plain function whose first argument
/// is <c>this</c>; <c>bool</c> travels in the low byte of an integer register. The symbol names are
/// mangled and stable across libtorch 2.x. If either symbol is missing the call is skipped: training
/// is still correct, only the first steps of each new input size are not autotuned.
/// </remarks>
public static unsafe class CudnnAutotuning
{
    /// <summary><c>at::globalContext()</c>.</summary>
    public const string GlobalContextSymbol = "_ZN2at13globalContextEv";

    /// <summary><c>at::Context::setBenchmarkCuDNN(bool)</c>.</summary>
    public const string SetBenchmarkSymbol = "_ZN2at7Context17setBenchmarkCuDNNEb";

    /// <summary><c>at::Context::benchmarkCuDNN() const</c>, used to confirm the switch took.</summary>
    public const string GetBenchmarkSymbol = "_ZNK2at7Context14benchmarkCuDNNEv";

    // The exports, found once: the trainer and the latency profiler both set the switch before each of their runs.
    private static readonly Lock Gate = new();
    private static (IntPtr GlobalContext, IntPtr SetBenchmark, IntPtr GetBenchmark, string Library)? _exports;

    /// <summary>Sets cuDNN autotuning; returns false (with the reason in <paramref name="why"/>) where libtorch does not export the functions.</summary>
    public static bool TrySet(bool enabled, out string why)
    {
        if (Exports(out why) is not { } exports) return false;
        var context = ((delegate* unmanaged<IntPtr>)exports.GlobalContext)();
        ((delegate* unmanaged<IntPtr, byte, void>)exports.SetBenchmark)(context, enabled ? (byte)1 : (byte)0);
        if (exports.GetBenchmark != IntPtr.Zero && (((delegate* unmanaged<IntPtr, byte>)exports.GetBenchmark)(context) != 0) != enabled)
        {
            why = "libtorch did not keep the setting";
            return false;
        }
        why = $"via {Path.GetFileName(exports.Library)}";
        return true;
    }

    /// <summary>The exports, looked up the first time they are found (a failure is not kept: libtorch may load later).</summary>
    private static (IntPtr GlobalContext, IntPtr SetBenchmark, IntPtr GetBenchmark, string Library)? Exports(out string why)
    {
        lock (Gate)
        {
            why = "";
            if (_exports is { } found) return found;
            var library = LoadedLibraries.FindMapped("libtorch_cpu.so");
            if (library is null) { why = "libtorch_cpu.so is not loaded in this process"; return null; }
            if (!NativeLibrary.TryLoad(library, out var handle)) { why = $"'{library}' could not be opened"; return null; }
            if (!NativeLibrary.TryGetExport(handle, GlobalContextSymbol, out var globalContext)
                || !NativeLibrary.TryGetExport(handle, SetBenchmarkSymbol, out var setBenchmark))
            {
                why = $"'{library}' does not export {GlobalContextSymbol} and {SetBenchmarkSymbol}";
                return null;
            }
            NativeLibrary.TryGetExport(handle, GetBenchmarkSymbol, out var getBenchmark);
            _exports = (globalContext, setBenchmark, getBenchmark, library);
            return _exports;
        }
    }
}
