using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Latency.Cache;
using ShapeDnn.Training.Native;
using ShapeDnn.Training.Trainer;

namespace ShapeDnn.Cli.Composition;

/// <summary>Wires the engine to its native edges: TorchSharp for training, ONNX Runtime (CPU) or TorchSharp (CUDA) for latency.</summary>
internal static class EngineFactory
{
    /// <summary>Default cache root: $SHAPEDNN_CACHE, else $XDG_CACHE_HOME/shapednn, else ~/.cache/shapednn.</summary>
    public static string DefaultCacheFolder()
    {
        var explicitFolder = Environment.GetEnvironmentVariable("SHAPEDNN_CACHE");
        if (!string.IsNullOrWhiteSpace(explicitFolder)) return explicitFolder;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "shapednn");
    }

    public static SearchEngine Create(string device, string? libTorch, string cacheFolder, ISearchObserver observer)
    {
        var native = new TorchNativeOptions { LibTorchDirectory = libTorch, Log = observer.Detail };
        TorchNative.EnsureLoaded(native);
        var deviceType = ProfilerFactory.Resolve(device);
        var trainer = new TorchShapeTrainer(new TorchTrainerOptions { Device = deviceType, Native = native });

        // Latency and energy are measured on the search's device: the device the app is built for.
        var profiling = ProfilerFactory.Create(deviceType, native);
        observer.Detail($"latency: {profiling.Profiler.DeviceDescription}");
        observer.Detail($"energy: {profiling.Energy.Reason}");
        var cachedProfiler = new CachingLatencyProfiler(profiling.Profiler, new LatencyCache(Path.Combine(cacheFolder, "latency"), (code, message) => observer.Warning($"{code.ToCodeString()}: {message}")));
        return new SearchEngine(trainer, cachedProfiler, profiling.Energy.Meter, new OnnxModelExporter(), observer);
    }
}
