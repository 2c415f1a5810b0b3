using ShapeDnn.Training.Native;
using TorchSharp;

namespace ShapeDnn.Training.Trainer;

/// <summary>Where and how <see cref="TorchShapeTrainer"/> computes.</summary>
public sealed record TorchTrainerOptions
{
    /// <summary>The compute device: <see cref="DeviceType.CPU"/> or <see cref="DeviceType.CUDA"/>.</summary>
    public DeviceType Device { get; init; } = DeviceType.CPU;

    /// <summary>CPU threads for libtorch's intra-op parallelism; null = one per logical core.</summary>
    public int? Threads { get; init; }

    /// <summary>Images per forward pass when evaluating (no gradients, so larger than training batches).</summary>
    public int EvaluationBatchSize { get; init; } = 512;

    /// <summary>
    /// Least time between two progress reports within an epoch (the last batch of an epoch is always
    /// reported). Reading the loss synchronises with the device, so reporting every batch slows a GPU.
    /// </summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Arithmetic; null = <see cref="TrainingPrecision.Bf16"/> on CUDA (the faster, see benchmarks/RESULTS.md), <see cref="TrainingPrecision.Fp32"/> on the CPU.</summary>
    public TrainingPrecision? Precision { get; init; }

    /// <summary>Channels-last (NHWC) activations; null = on for CUDA (tensor-core convolutions want NHWC), off on the CPU.</summary>
    public bool? ChannelsLast { get; init; }

    /// <summary>
    /// Whether cuDNN autotuning is on when nobody says (<c>--cudnn-autotune</c>): off. On an H200 autotuning made
    /// every training's first epoch 3–9 s longer (WRN-10-1: 5.1 and 9.4 s against 2.3 and 2.5 s without; WRN-10-5:
    /// 11.5 against 2.5 s) for no gain after it (1.35–1.55 against 1.44–1.74 s an epoch for WRN-10-1, 1.78–1.82
    /// against 1.62–1.69 s for WRN-10-5); each worker process autotunes again, and a 10-epoch training of a small
    /// shape takes 15–30 s (benchmarks/RESULTS.md).
    /// </summary>
    public const bool CudnnBenchmarkByDefault = false;

    /// <summary>Let cuDNN time its algorithms for each input size and keep the fastest (CUDA only); <see cref="CudnnBenchmarkByDefault"/> unless set.</summary>
    public bool CudnnBenchmark { get; init; } = CudnnBenchmarkByDefault;

    /// <summary>Smallest batch tried after running out of device memory; below it the shape is skipped (CUDA only).</summary>
    public int MinimumBatchSize { get; init; } = 16;

    /// <summary>Receives one line per notable event (settings applied, out-of-memory retries). Null: silent.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>How the native libraries are loaded if this process has not loaded them yet.</summary>
    public TorchNativeOptions Native { get; init; } = new();
}
