using ShapeDnn.Cli.Training;
using ShapeDnn.Data;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Latency;
using ShapeDnn.Latency.Cache;
using ShapeDnn.Latency.Energy;
using ShapeDnn.Onnx;
using ShapeDnn.Training;
using ShapeDnn.Training.Native;
using ShapeDnn.Training.Trainer;
using TorchSharp;

namespace ShapeDnn.Cli.Composition;

/// <summary>Wires the engine to its native edges: TorchSharp for training, ONNX Runtime for latency.</summary>
internal static class EngineFactory
{
    /// <summary>
    /// Shapes trained at a time on a GPU when --parallel is not given. 1 until the H100 measurement
    /// (benchmarks/gpu/training-check.sh, part 3) names the best count; then set it to that.
    /// </summary>
    public const int GpuDefaultParallel = 1;

    /// <summary>Default cache root: $SHAPEDNN_CACHE, else $XDG_CACHE_HOME/shapednn, else ~/.cache/shapednn.</summary>
    public static string DefaultCacheFolder()
    {
        var explicitFolder = Environment.GetEnvironmentVariable("SHAPEDNN_CACHE");
        if (!string.IsNullOrWhiteSpace(explicitFolder)) return explicitFolder;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "shapednn");
    }

    /// <summary>The engine and the number of shapes it trains at a time.</summary>
    /// <param name="settings">Device, libtorch, precision, layout.</param>
    /// <param name="parallel">Shapes at a time; null = 1 on the CPU, <see cref="GpuDefaultParallel"/> on CUDA.</param>
    /// <param name="datasetFolder">Needed by worker processes, which load the data themselves.</param>
    /// <param name="cacheFolder">Cache root.</param>
    /// <param name="observer">Progress sink.</param>
    public static (SearchEngine Engine, int Parallel) Create(TrainerSettings settings, int? parallel, string datasetFolder, string cacheFolder, ISearchObserver observer)
    {
        var native = new TorchNativeOptions { LibTorchDirectory = settings.LibTorch, Log = observer.Detail };
        // "auto" falls back to the CPU with a note; "cuda" that cannot work fails here with what was tried.
        var deviceType = DeviceSelection.Resolve(settings.Device, native, observer.Detail);
        int count = parallel ?? (deviceType == DeviceType.CUDA ? GpuDefaultParallel : 1);
        var local = new TorchShapeTrainer(new TorchTrainerOptions
        {
            Device = deviceType,
            Precision = settings.Precision,
            ChannelsLast = settings.ChannelsLast,
            Native = native,
            Log = observer.Detail,
        });
        // Several at a time: one worker process per shape, each with its own CUDA context (see WorkerProcessTrainer).
        IShapeTrainer trainer = count > 1
            ? new WorkerProcessTrainer(datasetFolder, settings with { Device = deviceType == DeviceType.CUDA ? "cuda" : "cpu" }, local.DeviceDescription, observer.Detail)
            : local;

        // Latency is timed on random weights with identity normalisation: values do not change timing.
        var identity = (Func<int, ChannelNormalization>)(c => new ChannelNormalization(Enumerable.Repeat(0f, c).ToArray(), Enumerable.Repeat(1f, c).ToArray()));
        var profiler = new OnnxCpuLatencyProfiler((plan, weights) => OnnxExporter.Export(plan, weights, identity(plan.Input.Channels)));
        var energy = EnergyMeterFactory.Create(profiler, profiler.Device.IntraOpThreads);
        observer.Detail($"energy: {energy.Reason}");
        var cachedProfiler = new CachingLatencyProfiler(profiler, new LatencyCache(Path.Combine(cacheFolder, "latency"), (code, message) => observer.Warning($"{code.ToCodeString()}: {message}")));
        return (new SearchEngine(trainer, cachedProfiler, energy.Meter, new OnnxModelExporter(), observer), count);
    }
}
