using ShapeDnn.Cli.Execution;
using ShapeDnn.Cli.Execution.Slurm;
using ShapeDnn.Cli.Training;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Execution;
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
    /// Shapes trained at a time per GPU with --gpus when --parallel is not given (the workers-per-GPU probe then
    /// decides how many share one GPU): on an H100, four small shapes trained 1, 2 and 4 at a time took 73.7, 42.0
    /// and 25.3 s (benchmarks/gpu/training-check.sh, part 3). On one GPU the default is <see cref="DefaultParallel.ForGpu"/>.
    /// </summary>
    public const int GpuDefaultParallel = 4;

    /// <summary>The engine and the number of shapes it trains at a time.</summary>
    /// <param name="settings">Device, libtorch, precision, layout.</param>
    /// <param name="execution">Where the trainings run (<c>--executor</c>).</param>
    /// <param name="parallel">Shapes at a time; null = the executor's default (<see cref="GpuDefaultParallel"/> per GPU with --gpus), else 1 on the CPU, and on CUDA 8 on a GPU of at least 64 GiB, 4 on a smaller one (<see cref="DefaultParallel"/>).</param>
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
        int count = parallel ?? executor.DefaultParallel ?? (deviceType == DeviceType.CUDA ? DefaultParallel.ForGpu(FirstVisibleGpuMemory()) : 1);
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

    /// <summary>The memory of the GPU this process trains on (CUDA's device 0, NVML's numbering through CUDA_VISIBLE_DEVICES); null when NVML cannot tell.</summary>
    private static ulong? FirstVisibleGpuMemory()
    {
        var visible = GpuSelection.VisibleDevicesFor(0, Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES"));
        return int.TryParse(visible, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
            ? NvmlDevice.TotalMemoryBytes(index) : null;
    }
}
