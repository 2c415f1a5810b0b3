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
    /// Let cuDNN time its algorithms for each input size and keep the fastest (CUDA only); null = off
    /// (<c>--cudnn-autotune</c>). On an H200 every worker autotunes again, which made a training's first epoch 3–10 s
    /// longer (WRN-10-1: 5.1–9.4 s against 2.3–2.5 s; WRN-28-8: 15.4 against 5.5 s); the later epochs were within
    /// ±10 % alone, and up to 20 % faster with it for WRN-16-4 trained 8 at once. What decided it: off, two
    /// searches produced bit-identical validation curves (benchmarks/RESULTS.md, 110-shape grid, fourth pass).
    /// </summary>
    public bool? CudnnBenchmark { get; init; }

    /// <summary>Smallest batch tried after running out of device memory; below it the shape is skipped (CUDA only).</summary>
    public int MinimumBatchSize { get; init; } = 16;

    /// <summary>Receives one line per notable event (settings applied, out-of-memory retries). Null: silent.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>How the native libraries are loaded if this process has not loaded them yet.</summary>
    public TorchNativeOptions Native { get; init; } = new();
}
