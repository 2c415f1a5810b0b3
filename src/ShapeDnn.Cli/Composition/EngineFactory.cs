using ShapeDnn.Cli.Execution;
using ShapeDnn.Cli.Execution.Slurm;
using ShapeDnn.Cli.Training;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Latency.Cache;
using ShapeDnn.Latency.Energy;
using ShapeDnn.Profiles;
using ShapeDnn.Reporting.Html;
using ShapeDnn.Training;
using ShapeDnn.Training.Native;
using ShapeDnn.Training.Trainer;
using TorchSharp;

namespace ShapeDnn.Cli.Composition;

/// <summary>Wires the engine to its native edges: TorchSharp for training, ONNX Runtime (CPU) or TorchSharp (CUDA) for latency.</summary>
internal static class EngineFactory
{
    /// <summary>
    /// Shapes trained at a time on a GPU when --parallel is not given (with --gpus, per GPU; the workers-per-GPU
    /// probe then decides how many share one). On an H100, four small shapes trained 1, 2 and 4 at a time took
    /// 73.7, 42.0 and 25.3 s (benchmarks/gpu/training-check.sh, part 3). On an H200, four at a time already fill
    /// the GPU: in the 110-shape search the first round trained 89k images/s in all with 4 at a time and 92k with
    /// 8, so each of 8 trains at half the speed, and the search took 132 s with 4 against 167 s with 8, side by
    /// side in one call (benchmarks/RESULTS.md). The default was 8 on GPUs of 64 GiB or more for one afternoon,
    /// on runs that happened to settle after one round.
    /// </summary>
    public const int GpuDefaultParallel = 4;

    /// <summary>The engine and the number of shapes it trains at a time.</summary>
    /// <param name="settings">Device, libtorch, precision, layout.</param>
    /// <param name="execution">Where the trainings run (<c>--executor</c>).</param>
    /// <param name="parallel">Shapes at a time; null = the executor's default (<see cref="GpuDefaultParallel"/> per GPU with --gpus), else 1 on the CPU, <see cref="GpuDefaultParallel"/> on CUDA.</param>
    /// <param name="datasetFolder">Needed by worker processes, which load the data themselves.</param>
    /// <param name="cacheFolder">Cache root.</param>
    /// <param name="observer">Progress sink.</param>
    /// <param name="cancellationToken">Stops a Slurm node probe.</param>
    /// <returns>The engine, the shapes it trains at a time, and what the caller disposes after the search (the Slurm executor: it cancels what is left in the queue).</returns>
    public static (SearchEngine Engine, int Parallel, IDisposable? Resources) Create(TrainerSettings settings, ExecutorSettings execution, int? parallel, string datasetFolder, string cacheFolder,
        ISearchObserver observer, CancellationToken cancellationToken)
    {
        var native = new TorchNativeOptions { LibTorchDirectory = settings.LibTorch, Log = observer.Detail };
        bool slurm = execution.Executor == ExecutorSettings.Slurm;
        // "auto" falls back to the CPU with a note; "cuda" that cannot work fails here with what was tried.
        // With Slurm, "cuda" is for the nodes: the search itself (latency) may run on a login node without a GPU.
        var deviceType = DeviceSelection.Resolve(slurm && settings.Device == "cuda" ? "auto" : settings.Device, native, observer.Detail);
        var local = new TorchShapeTrainer(new TorchTrainerOptions
        {
            Device = deviceType,
            Precision = settings.Precision,
            ChannelsLast = settings.ChannelsLast,
            CudnnBenchmark = settings.CudnnAutotune,
            Native = native,
            Log = observer.Detail,
        });
        // --gpus needs CUDA: without it there are no GPUs to spread over (an SDNN019 naming that).
        var executor = slurm ? SlurmTrainerFactory.CreateExecutor(execution.SlurmSettings, cacheFolder, observer)
            : ExecutorFactory.Create(execution, () => deviceType == DeviceType.CUDA ? DeviceSelection.CudaDeviceCount() : 0, cacheFolder, GpuDefaultParallel, observer.Detail);
        int count = parallel ?? executor.DefaultParallel ?? (deviceType == DeviceType.CUDA ? GpuDefaultParallel : 1);
        // Several at a time, or elsewhere: one worker process per shape, each with its own CUDA context (see WorkerProcessTrainer).
        IShapeTrainer trainer = slurm
            ? SlurmTrainerFactory.CreateTrainer((SlurmExecutor)executor, settings, datasetFolder, cacheFolder, observer, cancellationToken)
            : count > 1 || execution.Executor != ExecutorSettings.Local || execution.Gpus is not null
            ? new WorkerProcessTrainer(executor, datasetFolder, cacheFolder, settings with { Device = deviceType == DeviceType.CUDA ? "cuda" : "cpu" }, local.DeviceDescription, local.Arithmetic, observer.Detail)
            : local;
        trainer = TrainingTestHook.Wrap(trainer);

        // Latency and energy are measured on the search's device: the device the app is built for.
        var profiling = ProfilerFactory.Create(deviceType, native);
        observer.Detail($"latency: {profiling.Profiler.DeviceDescription}");
        observer.Detail($"energy: {profiling.Energy.Reason}");
        Action<ErrorCode, string> warn = (code, message) => observer.Warning($"{code.ToCodeString()}: {message}");
        var cachedProfiler = new CachingLatencyProfiler(new NoiseCheckedLatencyProfiler(profiling.Profiler, observer.Warning), new LatencyCache(Path.Combine(cacheFolder, "latency"), warn));
        // Measured energy (NVML: a 2 s loop per shape) is cached like latency, per device and counter; estimates are not.
        IEnergyMeter energyMeter = profiling.Energy.Meter is IMeasuringEnergyMeter measuring
            ? new CachingEnergyMeter(measuring, new EnergyCache(Path.Combine(cacheFolder, "energy"), warn), profiling.Profiler.DeviceFingerprint)
            : profiling.Energy.Meter;
        return (new SearchEngine(trainer, cachedProfiler, energyMeter, new OnnxModelExporter(), new HtmlReportRenderer(), observer), count, executor as IDisposable);
    }
}
