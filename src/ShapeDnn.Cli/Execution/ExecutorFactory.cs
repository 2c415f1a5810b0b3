using ShapeDnn.Diagnostics;
using ShapeDnn.Execution;

namespace ShapeDnn.Cli.Execution;

/// <summary>The executor <c>--executor</c> names.</summary>
internal static class ExecutorFactory
{
    /// <summary>The executor of <paramref name="settings"/>.</summary>
    /// <param name="settings">The executor's options.</param>
    /// <param name="gpus">The CUDA devices this process sees (0 without CUDA); read only when <c>--gpus</c> is given.</param>
    /// <param name="cacheFolder">Where measurements of workers per GPU are kept.</param>
    /// <param name="perGpuParallel">Shapes proposed at a time per GPU with <c>--gpus</c> and no <c>--parallel</c>.</param>
    /// <param name="log">Detail lines.</param>
    /// <exception cref="ShapeDnnException">SDNN019 for --gpus without CUDA or naming GPUs the host lacks; SDNN099 for a name that passed the option check but has no executor (a bug).</exception>
    public static ITrainingExecutor Create(ExecutorSettings settings, Func<int> gpus, string cacheFolder, int perGpuParallel, Action<string>? log) => settings.Executor switch
    {
        ExecutorSettings.Local when settings.Gpus is { } selection => LocalOnGpus(selection, gpus(), cacheFolder, perGpuParallel, log),
        ExecutorSettings.Local => new LocalExecutor(log),
        var name => throw new ShapeDnnException(ErrorCode.Internal, $"--executor '{name}' passed its check but has no executor."),
    };

    private static LocalExecutor LocalOnGpus(GpuSelection selection, int deviceCount, string cacheFolder, int perGpuParallel, Action<string>? log)
    {
        var devices = HostGpus.Select(selection, deviceCount);
        var probe = new GpuWorkerProbe(cacheFolder, log);
        log?.Invoke($"workers spread over GPU {string.Join(", ", devices.Select(d => $"{d.Id} ({d.Name})"))}");
        return LocalExecutor.OnGpus(new GpuSlots(devices, probe), probe, perGpuParallel * devices.Count, log);
    }
}
