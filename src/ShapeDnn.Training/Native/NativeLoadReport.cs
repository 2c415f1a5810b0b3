namespace ShapeDnn.Training.Native;

/// <summary>What <see cref="TorchNative.EnsureLoaded"/> found and did.</summary>
/// <param name="BridgePath">The <c>libLibTorchSharp.so</c> (or <c>LibTorchSharp.dll</c>) loaded; null where the platform's own probing was used.</param>
/// <param name="LibStdCxxPath">The system libstdc++ the bridge was checked against (Linux only).</param>
/// <param name="Bridge">Whether the bridge needed, had or got the libstdc++ compatibility patch.</param>
/// <param name="MissingVersions">libstdc++ versions the bridge names but the system lacks (made weak).</param>
/// <param name="LibTorchDirectory">The explicit libtorch folder loaded, or null for the packaged libtorch.</param>
public sealed record NativeLoadReport(
    string? BridgePath,
    string? LibStdCxxPath,
    PatchStatus Bridge,
    IReadOnlyList<string> MissingVersions,
    string? LibTorchDirectory)
{
    /// <summary>Whether the explicit libtorch folder held <c>libtorch_cuda.so</c> (and it was loaded).</summary>
    public bool CudaLibraryLoaded { get; init; }

    /// <summary>The explicit libtorch's version text (e.g. <c>2.11.0+cu130</c>), where known.</summary>
    public string? LibTorchVersionText { get; init; }
}
