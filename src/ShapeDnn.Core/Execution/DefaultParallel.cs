namespace ShapeDnn.Execution;

/// <summary>
/// How many shapes a search trains at a time on one GPU when the user does not say (<c>--parallel</c>).
/// Concurrency is by process (TorchSharp 0.107 has no CUDA streams), and what the search's wall time
/// depends on is the number of rounds: each round's proposals wait for the results of the one before.
/// On an H200 the paper's 110-shape search (MinAccuracy=94.5 %, MinimizeLatency at batch 128) took
/// 99.8 and 92.0 s with 8 at a time, each settled after one round of 8, against 160.4 and 244.4 s with 4
/// at a time, which needed three rounds, side by side in two calls (benchmarks/RESULTS.md); the H200's
/// workers-per-GPU probe also found that 8 small, medium and large shapes together still raise the summed
/// throughput. Where the accuracies near the limit need a second round of 8 wide shapes the GPU is saturated
/// and 8 at a time gains little (204.9 and 199.1 s, two rounds, 80–100 s a training in the second). Eight workers
/// need eight CUDA contexts, eight copies of the training images and eight sets of activations, so a GPU
/// with less memory keeps four (on an H100, four small shapes at a time trained 2.98× as fast as one).
/// </summary>
public static class DefaultParallel
{
    /// <summary>Shapes at a time on a GPU of at least <see cref="LargeGpuBytes"/>.</summary>
    public const int OnLargeGpu = 8;

    /// <summary>Shapes at a time on a smaller GPU, or one whose memory is unknown.</summary>
    public const int OnGpu = 4;

    /// <summary>64 GiB: the H100 80GB, H200 and A100 80GB are above it, 24–48 GB cards below.</summary>
    public const ulong LargeGpuBytes = 64UL << 30;

    /// <summary>The default for a GPU with <paramref name="totalMemoryBytes"/> of memory (null: unknown).</summary>
    public static int ForGpu(ulong? totalMemoryBytes) => totalMemoryBytes >= LargeGpuBytes ? OnLargeGpu : OnGpu;
}
