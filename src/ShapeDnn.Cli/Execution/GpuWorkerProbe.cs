using System.Globalization;
using System.Text.Json;
using ShapeDnn.Cli.Output;
using ShapeDnn.Cli.Training;
using ShapeDnn.Diagnostics;
using ShapeDnn.Execution;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Execution;

/// <summary>
/// Measures how many workers of a shape class one GPU takes (<see cref="WorkersPerGpu"/>): trains the
/// launch's own shape, with its own settings and recipe shortened to <see cref="ProbeEpochs"/> epochs of
/// <see cref="ProbeStepsPerEpoch"/> steps, by 1, 2, 4, 8 workers at once on the GPU, and sums their
/// throughput after the first (warm-up) epoch. The result is stored per GPU model and shape class under
/// the cache folder (<c>workers-per-gpu/</c>), so that each is measured once per machine.
/// </summary>
internal sealed class GpuWorkerProbe(string cacheFolder, Action<string>? log) : IWorkerCountSource
{
    /// <summary>Epochs of a probe run: the first warms up (CUDA context, cuDNN autotuning), the second is measured.</summary>
    public const int ProbeEpochs = 2;

    /// <summary>Training steps per probe epoch: enough for a steady rate, a few seconds for small shapes.</summary>
    public const int ProbeStepsPerEpoch = 150;

    private const string FormatLine = "shapednn workers-per-gpu v1";
    private readonly string _folder = Path.Combine(Path.GetFullPath(cacheFolder), "workers-per-gpu");

    public int? Known(GpuDevice gpu, string shapeClass)
    {
        try
        {
            var lines = File.ReadAllLines(FileOf(gpu, shapeClass));
            return lines.Length >= 2 && lines[0] == FormatLine && lines[1].StartsWith("workers ", StringComparison.Ordinal)
                && int.TryParse(lines[1]["workers ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 ? n : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Measures on <paramref name="gpu"/> (idle) with <paramref name="launch"/>'s shape and settings, and stores the count.</summary>
    public int Measure(GpuDevice gpu, WorkerLaunch launch, CancellationToken cancellationToken)
    {
        string shapeClass = WorkersPerGpu.ShapeClassOf(launch.Plan);
        log?.Invoke($"workers per GPU: measuring {shapeClass} on GPU {gpu.Id} ({gpu.Name}) with {launch.Name}");
        var folder = WorkerScratchFolder.Create();
        try
        {
            var arguments = ProbeArguments(launch.Arguments, folder);
            var measured = new List<ConcurrencyMeasurement>();
            while (WorkersPerGpu.Next(measured) is { } workers)
            {
                double rate = Run(gpu, launch, arguments, workers, cancellationToken);
                log?.Invoke($"workers per GPU: {workers} at once on GPU {gpu.Id}: {rate:N0} images/s together");
                measured.Add(new ConcurrencyMeasurement(workers, rate));
            }
            int count = WorkersPerGpu.Choose(measured);
            Store(gpu, shapeClass, count, measured);
            log?.Invoke($"workers per GPU: {count} for {shapeClass} on {gpu.Name}");
            return count;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The launch's arguments for a probe run: the recipe shortened, and nothing stored in the cache or resumed.</summary>
    private static List<string> ProbeArguments(IReadOnlyList<string> arguments, string folder)
    {
        var result = new List<string>();
        for (int i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--cache" or "--cache-key" or "--resume-from":
                    i++;
                    break;
                case "--recipe":
                    var recipe = JsonSerializer.Deserialize(File.ReadAllText(arguments[++i]), CliJsonContext.Default.TrainingRecipe)!;
                    var probe = recipe with { Epochs = ProbeEpochs, TrainSubset = ProbeStepsPerEpoch * recipe.BatchSize, ValidationCount = Limits.MinValidationImages, TestSubset = 1 };
                    var file = Path.Combine(folder, "probe-recipe.json");
                    File.WriteAllText(file, JsonSerializer.Serialize(probe, CliJsonContext.Default.TrainingRecipe));
                    result.AddRange(["--recipe", file]);
                    break;
                default:
                    result.Add(arguments[i]);
                    break;
            }
        }
        return result;
    }

    /// <summary>Runs <paramref name="workers"/> probe workers at once on the GPU; their summed steady throughput (0 when one fails).</summary>
    private double Run(GpuDevice gpu, WorkerLaunch launch, List<string> arguments, int workers, CancellationToken cancellationToken)
    {
        var visible = new Dictionary<string, string> { ["CUDA_VISIBLE_DEVICES"] = GpuSelection.VisibleDevicesFor(gpu.Id, Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES")) };
        var sessions = Enumerable.Range(0, workers)
            .Select(_ => new LocalWorkerSession(launch with { Arguments = arguments }, (_, _) => new WorkerPlacement(visible, null), null, cancellationToken))
            .ToList();
        try
        {
            var rates = new double[workers];
            var threads = sessions.Select((session, i) => new Thread(() => rates[i] = RateOf(session, cancellationToken)) { IsBackground = true }).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            cancellationToken.ThrowIfCancellationRequested();
            return rates.Any(r => r <= 0) ? 0 : rates.Sum();
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    /// <summary>Serves one probe worker (every epoch answered <c>continue</c>); its throughput after the first epoch, 0 when it failed.</summary>
    private static double RateOf(IWorkerSession session, CancellationToken cancellationToken)
    {
        try
        {
            TrainSummary? summary = null;
            while (session.ReadLine(cancellationToken) is { } line)
            {
                switch (WorkerEvent.TryParse(line))
                {
                    case { Event: "epoch" }:
                        session.Answer(WorkerEvent.Continue);
                        break;
                    case { Event: "result", Result: { } result }:
                        summary = result;
                        break;
                }
            }
            var exit = session.WaitForExit(cancellationToken);
            // A note means the run deviated (a smaller batch after running out of memory): that count does not pay.
            return exit.ExitCode == 0 && summary is { Note: null } ? summary.ImagesPerSecondAfterFirstEpoch ?? summary.ImagesPerSecond : 0;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }

    private void Store(GpuDevice gpu, string shapeClass, int count, IReadOnlyList<ConcurrencyMeasurement> measured)
    {
        var lines = new List<string> { FormatLine, $"workers {count.ToString(CultureInfo.InvariantCulture)}" };
        lines.AddRange(measured.Select(m => string.Create(CultureInfo.InvariantCulture, $"measured {m.Workers} {m.ImagesPerSecond:F1}")));
        try
        {
            var file = FileOf(gpu, shapeClass);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            ShapeDnn.Cache.AtomicFile.WriteAllText(file, string.Join('\n', lines) + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log?.Invoke($"workers per GPU: the measurement could not be stored ({ex.Message}); it is repeated next time.");
        }
    }

    private string FileOf(GpuDevice gpu, string shapeClass)
    {
        var model = new string(gpu.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());
        return Path.Combine(_folder, model, shapeClass + ".txt");
    }
}
