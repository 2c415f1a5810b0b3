using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Profiles;
using ShapeDnn.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Profiling;

/// <summary>
/// Measures forward-pass latency on an NVIDIA GPU through TorchSharp (libtorch with cuDNN), for hosts
/// where ONNX Runtime's CUDA provider cannot be shipped (NATIVE.md §2). Every figure says so in its
/// device description.
/// </summary>
/// <remarks>
/// Per shape: its network (any family) with random weights in eval mode on the GPU and a fixed random batch;
/// a warm-up (cuDNN picks its algorithms, the allocator fills its cache; before the first shape of a
/// process also the clocks' ramp, <see cref="TorchCudaProfilerOptions.IdleWarmupTime"/>),
/// then samples of <c>K</c> passes launched back to back and one <c>cuda.synchronize</c> at the end,
/// <c>K</c> found during warm-up so that a sample lasts at least
/// <see cref="TimingOptions.MinSampleTime"/>: what CUDA events around back-to-back passes measure
/// (TorchSharp 0.107 exposes no CUDA events), without the host clock's and the synchronisation's
/// cost dominating a sub-millisecond pass. Repeats until the spread is small or the time cap is hit
/// (<see cref="TorchCudaProfilerOptions.Timing"/>). A shape that does not fit in the GPU's memory
/// raises <see cref="ShapeNotMeasurableException"/>.
/// </remarks>
public sealed class TorchCudaLatencyProfiler : ILatencyProfiler, IInferenceWorkload
{
    private readonly TorchCudaProfilerOptions _options;
    private readonly Device _device;
    private readonly string _libTorch;
    private bool _clocksUp;

    /// <summary>Loads the native libraries if needed and checks that the GPU is usable.</summary>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.DeviceUnavailable"/> when libtorch has no CUDA or no such device.</exception>
    public TorchCudaLatencyProfiler(TorchCudaProfilerOptions? options = null)
    {
        _options = options ?? new TorchCudaProfilerOptions();
        var report = TorchNative.EnsureLoaded(_options.Native);
        _libTorch = LibTorchVersion.Describe(report);
        int count = CudaDeviceCount(_libTorch);
        if (_options.DeviceIndex < 0 || _options.DeviceIndex >= count)
            throw new ShapeDnnException(ErrorCode.DeviceUnavailable, $"CUDA device {_options.DeviceIndex} was requested but libtorch sees {count} CUDA device(s).");
        _device = new Device(DeviceType.CUDA, _options.DeviceIndex);
    }

    /// <inheritdoc />
    public string DeviceFingerprint =>
        $"cuda={_options.GpuName};driver={_options.DriverVersion};index={_options.DeviceIndex};runtime={_libTorch};method=torchsharp-eager-backtoback/4";

    /// <inheritdoc />
    public string DeviceDescription =>
        $"{_options.GpuName} (GPU {_options.DeviceIndex}, driver {_options.DriverVersion}), CUDA via TorchSharp/cuDNN (no ONNX Runtime CUDA provider), {_libTorch}";

    /// <inheritdoc />
    /// <exception cref="ShapeNotMeasurableException">The shape does not fit in the GPU's memory at this batch size.</exception>
    public LatencyMeasurement Measure(NetworkPlan plan, int batchSize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return OnDevice(plan, batchSize, () =>
        {
            using var inference = new CudaPreparedInference(plan, batchSize, _device, _options.Seed);
            RampUpClocks(inference, cancellationToken);
            return RepeatedTiming.Measure(inference.Run, _options.Timing, batchSize, DeviceDescription, cancellationToken);
        });
    }

    /// <inheritdoc />
    /// <exception cref="ShapeNotMeasurableException">The shape does not fit in the GPU's memory at this batch size.</exception>
    public IPreparedInference Prepare(NetworkPlan plan, int batchSize) => OnDevice(plan, batchSize, () =>
    {
        var inference = new CudaPreparedInference(plan, batchSize, _device, _options.Seed);
        try
        {
            // The same time-based warm-up as before timing: an energy loop needs ramped-up clocks as much.
            RampUpClocks(inference, CancellationToken.None);
            RepeatedTiming.WarmUp(inference.Run, _options.Timing, CancellationToken.None);
            return (IPreparedInference)new OutOfMemoryGuard(inference, this, plan, batchSize);
        }
        catch
        {
            inference.Dispose();
            throw;
        }
    });

    /// <summary>Before the process's first measurement only: load for <see cref="TorchCudaProfilerOptions.IdleWarmupTime"/>, so that an idle GPU's clocks are up.</summary>
    private void RampUpClocks(CudaPreparedInference inference, CancellationToken cancellationToken)
    {
        if (_clocksUp) return;
        var idle = _options.IdleWarmupTime;
        // WarmUp stops at a quarter of the cap: a cap of four times the ramp lets it run the whole ramp.
        RepeatedTiming.WarmUp(inference.Run, _options.Timing with { WarmupTime = idle, TimeCap = idle * 4 }, cancellationToken);
        _clocksUp = true;
    }

    /// <summary>Runs <paramref name="work"/>, turning libtorch's out-of-memory error into a <see cref="ShapeNotMeasurableException"/>.</summary>
    private T OnDevice<T>(NetworkPlan plan, int batchSize, Func<T> work)
    {
        // Latency is measured with cuDNN's autotuning on (the warm-up absorbs it), as a tuned deployment runs:
        // the switch is process-wide, and a trainer in this process sets its own mode before each training.
        CudnnAutotuning.TrySet(true, out _);
        try
        {
            return work();
        }
        catch (Exception e) when (IsOutOfMemory(e))
        {
            // Freed tensors go back to libtorch's caching allocator, so the next (smaller) shape can use the memory.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            throw new ShapeNotMeasurableException(
                $"{plan.Shape.Name} does not fit in the memory of {_options.GpuName} at batch {batchSize} (CUDA out of memory); use a smaller batch size or a GPU with more memory",
                e);
        }
    }

    internal static bool IsOutOfMemory(Exception e) =>
        e is not OperationCanceledException && e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase);

    private static int CudaDeviceCount(string libTorch)
    {
        bool available;
        try
        {
            // Asked before initialising CUDA: on a CPU libtorch initialising would probe for CUDA packages.
            available = cuda.is_available();
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
        {
            throw Unavailable(libTorch, e.Message, e);
        }
        if (!available) throw Unavailable(libTorch, "libtorch reports no usable CUDA device", null);
        InitializeDeviceType(DeviceType.CUDA);
        return cuda.device_count();
    }

    private static ShapeDnnException Unavailable(string libTorch, string why, Exception? inner) => new(ErrorCode.DeviceUnavailable,
        $"CUDA was requested for latency, but {why} ({libTorch}). Point ShapeDnnLibTorchPath / --libtorch / {TorchNativeOptions.LibTorchEnvironmentVariable} " +
        "at the torch/lib folder of a CUDA build of PyTorch on a machine with an NVIDIA GPU, or use --device cpu.", inner);

    /// <summary>Keeps the out-of-memory translation for passes run by an energy meter's loop.</summary>
    private sealed class OutOfMemoryGuard(CudaPreparedInference inner, TorchCudaLatencyProfiler owner, NetworkPlan plan, int batchSize) : IPreparedInference
    {
        public void Run(int passes) => owner.OnDevice(plan, batchSize, () =>
        {
            inner.Run(passes);
            return 0;
        });

        public void Dispose() => inner.Dispose();
    }
}
