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

    /// <summary>Sets cuDNN autotuning; returns false (with the reason in <paramref name="why"/>) where libtorch does not export the functions.</summary>
    public static bool TrySet(bool enabled, out string why)
    {
        var library = LoadedLibraries.FindMapped("libtorch_cpu.so");
        if (library is null) { why = "libtorch_cpu.so is not loaded in this process"; return false; }
        if (!NativeLibrary.TryLoad(library, out var handle)) { why = $"'{library}' could not be opened"; return false; }
        if (!NativeLibrary.TryGetExport(handle, GlobalContextSymbol, out var globalContext)
            || !NativeLibrary.TryGetExport(handle, SetBenchmarkSymbol, out var setBenchmark))
        {
            why = $"'{library}' does not export {GlobalContextSymbol} and {SetBenchmarkSymbol}";
            return false;
        }
        var context = ((delegate* unmanaged<IntPtr>)globalContext)();
        ((delegate* unmanaged<IntPtr, byte, void>)setBenchmark)(context, enabled ? (byte)1 : (byte)0);
        if (NativeLibrary.TryGetExport(handle, GetBenchmarkSymbol, out var getBenchmark)
            && (((delegate* unmanaged<IntPtr, byte>)getBenchmark)(context) != 0) != enabled)
        {
            why = "libtorch did not keep the setting";
            return false;
        }
        why = $"via {Path.GetFileName(library)}";
        return true;
    }
}
