using ShapeDnn.Data;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Latency;
using ShapeDnn.Latency.Cache;
using ShapeDnn.Latency.Energy;
using ShapeDnn.Onnx;
using ShapeDnn.Training.Native;
using ShapeDnn.Training.Trainer;
using TorchSharp;

namespace ShapeDnn.Cli.Composition;

/// <summary>Wires the engine to its native edges: TorchSharp for training, ONNX Runtime for latency.</summary>
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
        var deviceType = device switch
        {
            "cpu" => DeviceType.CPU,
            "cuda" => DeviceType.CUDA,
            "auto" => torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU,
            _ => throw new ShapeDnnException(ErrorCode.BadOption, $"--device '{device}' is not one of auto, cpu, cuda."),
        };
        var trainer = new TorchShapeTrainer(new TorchTrainerOptions { Device = deviceType, Native = native });

        // Latency is timed on random weights with identity normalisation: values do not change timing.
        var identity = (Func<int, ChannelNormalization>)(c => new ChannelNormalization(Enumerable.Repeat(0f, c).ToArray(), Enumerable.Repeat(1f, c).ToArray()));
        var profiler = new OnnxCpuLatencyProfiler((plan, weights) => OnnxExporter.Export(plan, weights, identity(plan.Input.Channels)));
        var energy = EnergyMeterFactory.Create(profiler, profiler.Device.IntraOpThreads);
        observer.Detail($"energy: {energy.Reason}");
        var cachedProfiler = new CachingLatencyProfiler(profiler, new LatencyCache(Path.Combine(cacheFolder, "latency"), (code, message) => observer.Warning($"{code.ToCodeString()}: {message}")));
        return new SearchEngine(trainer, cachedProfiler, energy.Meter, new OnnxModelExporter(), observer);
    }
}
