using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ShapeDnn.Cache;
using ShapeDnn.Cli.Commands;
using ShapeDnn.Cli.Output;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Tensors;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Training;

/// <summary>
/// Trains each shape in its own <c>shapednn train --channel</c> child process, so that several shapes
/// train on one GPU at once (TorchSharp 0.107 exposes no CUDA streams, and one process's kernels
/// serialise on its default stream; small shapes are launch-bound, so separate processes fill the
/// GPU's idle gaps). Safe to call from several threads: each call is one process.
/// </summary>
/// <remarks>
/// <para>The child re-derives the images from the dataset folder with the engine's own split
/// (<see cref="Engine.SearchEngine.SplitFor"/>) and the exact recipe (passed as JSON), so its result is
/// the one an in-process training would give; the image counts are checked.</para>
/// <para>The two-way channel (docs/workers.md): the child writes <see cref="WorkerEvent"/> lines on its
/// stdout and, after each epoch, waits for <c>continue</c> or <c>stop</c> on its stdin, which this side
/// answers from <see cref="TrainingControl.EpochCompleted"/>. The child stores its result in the
/// trained-shape cache itself, before reporting it, so a finished training is kept whatever happens to
/// this process; stdin is its lifeline, and it stops when this process goes.</para>
/// </remarks>
internal sealed class WorkerProcessTrainer : IShapeTrainer
{
    private readonly string _datasetFolder;
    private readonly string _cacheFolder;
    private readonly TrainerSettings _settings;
    private readonly string _deviceDescription;
    private readonly Action<string>? _log;
    private readonly Lazy<string> _datasetHash;

    /// <param name="datasetFolder">The dataset the workers load.</param>
    /// <param name="cacheFolder">The cache root the workers store their results in (the search's).</param>
    /// <param name="settings">The workers' trainer settings (those of the local trainer this was resolved from).</param>
    /// <param name="deviceDescription">The local trainer's device.</param>
    /// <param name="arithmetic">The local trainer's arithmetic.</param>
    /// <param name="log">Detail lines (worker lines that are not events, timings).</param>
    public WorkerProcessTrainer(string datasetFolder, string cacheFolder, TrainerSettings settings, string deviceDescription, string arithmetic, Action<string>? log)
    {
        _datasetFolder = Path.GetFullPath(datasetFolder);
        _cacheFolder = Path.GetFullPath(cacheFolder);
        _settings = settings;
        _deviceDescription = deviceDescription;
        Arithmetic = arithmetic;
        _log = log;
        // The key names the dataset by its content, as the search does; loaded once, when the first worker starts.
        _datasetHash = new Lazy<string>(() => DatasetLoader.Load(_datasetFolder).ContentHash);
        // Folders of searches killed before they could clean up (their workers died with them).
        WorkerScratchFolder.RemoveStale();
    }

    public string DeviceDescription => $"{_deviceDescription}, one worker process per shape";

    /// <inheritdoc />
    /// <remarks>The workers get the same settings as the local trainer this was resolved from.</remarks>
    public string Arithmetic { get; }

    public TrainingResult Train(NetworkPlan plan, TrainingData data, TrainingRecipe recipe, TrainingControl control, CancellationToken cancellationToken)
    {
        var folder = WorkerScratchFolder.Create();
        try
        {
            var recipeFile = Path.Combine(folder, "recipe.json");
            string key = TrainedShapeKey.For(_datasetHash.Value, recipe, plan.Shape, plan.Input, Arithmetic);
            File.WriteAllText(recipeFile, JsonSerializer.Serialize(recipe, CliJsonContext.Default.TrainingRecipe));
            var arguments = new List<string>
            {
                "train", "--channel", "--data", _datasetFolder, "--shape", plan.Shape.Name, "--recipe", recipeFile,
                "--cache", _cacheFolder, "--cache-key", key,
            };
            if (control.ResumeFrom is { } resume)
            {
                var resumeFile = Path.Combine(folder, "resume.checkpoint");
                File.WriteAllBytes(resumeFile, TrainingCheckpointFile.Serialize(resume));
                arguments.AddRange(["--resume-from", resumeFile]);
            }
            arguments.AddRange(_settings.ToArguments());

            var (exitCode, result, stderr) = RunChild(arguments, control, cancellationToken);
            if (exitCode == TrainCommand.NotTrainableExitCode)
                throw new ShapeNotTrainableException(LastLine(stderr));
            if (exitCode != 0 || result?.Result is not { } summary)
                throw new ShapeDnnException(ErrorCode.Internal, $"The worker training {plan.Shape.Name} failed (exit {exitCode}{(result is null ? ", no result" : "")}): {Tail(stderr)}");
            if (summary.TrainImages != data.Train.Count)
                throw new ShapeDnnException(ErrorCode.Internal, $"The worker trained {plan.Shape.Name} on {summary.TrainImages} images, the search expected {data.Train.Count}.");

            // The worker's cache entry is the result: weights, and for a stopped run its checkpoint (no copy of either goes through the temp folder).
            var cache = new TrainedShapeCache(_cacheFolder, line => _log?.Invoke(line));
            var weights = cache.TryGetWeights(key, plan)
                ?? throw new ShapeDnnException(ErrorCode.Internal, $"The worker trained {plan.Shape.Name} but its cache entry has no usable weights.");
            bool stopped = summary.EpochDetails.Count < recipe.Epochs;
            var checkpoint = !stopped ? null : cache.TryGetCheckpoint(key) is { } bytes ? TrainingCheckpointFile.Deserialize(bytes)
                : throw new ShapeDnnException(ErrorCode.Internal, $"The worker stopped {plan.Shape.Name} after epoch {summary.EpochDetails.Count} but stored no checkpoint.");
            _log?.Invoke($"{plan.Shape.Name}: worker finished in {Format.Seconds(summary.WallSeconds)} ({summary.ImagesPerSecond:N0} images/s)");
            return new TrainingResult(summary.ValidationAccuracy, summary.TestAccuracy, summary.EpochDetails, summary.TrainingSeconds, summary.ImagesPerSecond, weights)
            {
                BatchSize = summary.BatchSize,
                Note = summary.Note,
                Checkpoint = checkpoint,
            };
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Starts this executable again (the apphost, or <c>dotnet shapednn.dll</c>) and serves its channel
    /// on this thread: progress to <see cref="TrainingControl.Progress"/>, each epoch to
    /// <see cref="TrainingControl.EpochCompleted"/> and its answer back.
    /// </summary>
    private (int ExitCode, WorkerEvent? Result, string Stderr) RunChild(IEnumerable<string> arguments, TrainingControl control, CancellationToken cancellationToken)
    {
        var processPath = Environment.ProcessPath ?? throw new ShapeDnnException(ErrorCode.Internal, "The path of this executable is unknown; cannot start workers.");
        var start = new ProcessStartInfo(processPath)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
            start.ArgumentList.Add(typeof(WorkerProcessTrainer).Assembly.Location);
        foreach (var a in arguments) start.ArgumentList.Add(a);

        using var process = Process.Start(start) ?? throw new ShapeDnnException(ErrorCode.Internal, $"Could not start '{processPath}'.");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        WorkerEvent? result = null;
        using (cancellationToken.Register(() => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }))
        {
            try
            {
                while (process.StandardOutput.ReadLine() is { } line)
                {
                    if (WorkerEvent.TryParse(line) is not { } message)
                    {
                        _log?.Invoke($"worker: {line}"); // not an event (a native library's print): shown, never parsed
                        continue;
                    }
                    switch (message.Event)
                    {
                        case "progress":
                            control.Progress?.Report(message.ToProgress());
                            break;
                        case "epoch":
                            var decision = control.EpochCompleted?.Invoke(message.Statistics!) ?? EpochDecision.Continue;
                            Answer(process, decision == EpochDecision.Stop ? WorkerEvent.Stop : WorkerEvent.Continue);
                            break;
                        case "result":
                            result = message;
                            break;
                    }
                }
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // The child was killed for the cancellation; reported below.
            }
            catch
            {
                // A callback failed: the worker must not train on unattended.
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw;
            }
            process.WaitForExit();
        }
        cancellationToken.ThrowIfCancellationRequested();
        lock (stderr) return (process.ExitCode, result, stderr.ToString());
    }

    private static void Answer(Process process, string decision)
    {
        try
        {
            process.StandardInput.WriteLine(decision);
            process.StandardInput.Flush();
        }
        catch (IOException)
        {
            // The worker died meanwhile; its exit code says why.
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no reason given";

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "…" + text[^2000..].Trim();
}
