using System.Runtime.ExceptionServices;
using System.Text.Json;
using ShapeDnn.Cache;
using ShapeDnn.Cli.Commands;
using ShapeDnn.Cli.Execution;
using ShapeDnn.Cli.Output;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Tensors;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Training;

/// <summary>
/// Trains each shape in its own <c>shapednn train --channel</c> worker, placed by an
/// <see cref="ITrainingExecutor"/> (local processes, or a cluster), so that several shapes train at
/// once (on one GPU: TorchSharp 0.107 exposes no CUDA streams, and one process's kernels serialise on
/// its default stream; small shapes are launch-bound, so separate processes fill the GPU's idle gaps).
/// A batch of the search goes to the executor as one (<see cref="TrainBatch"/>).
/// </summary>
/// <remarks>
/// <para>The worker re-derives the images from the dataset folder with the engine's own split
/// (<see cref="Engine.SearchEngine.SplitFor"/>) and the exact recipe (passed as JSON), so its result is
/// the one an in-process training would give; the image counts are checked.</para>
/// <para>The two-way channel (docs/workers.md): the worker writes <see cref="WorkerEvent"/> lines and,
/// after each epoch, waits for <c>continue</c> or <c>stop</c>, which this side answers from
/// <see cref="TrainingControl.EpochCompleted"/>. The worker stores its result in the trained-shape
/// cache itself, before reporting it, so a finished training is kept whatever happens to this
/// process.</para>
/// </remarks>
internal sealed class WorkerProcessTrainer : IShapeTrainer
{
    private readonly ITrainingExecutor _executor;
    private readonly string _datasetFolder;
    private readonly string _cacheFolder;
    private readonly TrainerSettings _settings;
    private readonly string _deviceDescription;
    private readonly Action<string>? _log;
    private readonly Lazy<string> _datasetHash;

    /// <param name="executor">Where the workers run.</param>
    /// <param name="datasetFolder">The dataset the workers load.</param>
    /// <param name="cacheFolder">The cache root the workers store their results in (the search's).</param>
    /// <param name="settings">The workers' trainer settings (those of the local trainer this was resolved from).</param>
    /// <param name="deviceDescription">The local trainer's device.</param>
    /// <param name="arithmetic">The local trainer's arithmetic.</param>
    /// <param name="log">Detail lines (worker lines that are not events, timings).</param>
    public WorkerProcessTrainer(ITrainingExecutor executor, string datasetFolder, string cacheFolder, TrainerSettings settings, string deviceDescription, string arithmetic, Action<string>? log)
    {
        _executor = executor;
        _datasetFolder = Path.GetFullPath(datasetFolder);
        _cacheFolder = Path.GetFullPath(cacheFolder);
        _settings = settings;
        _deviceDescription = deviceDescription;
        Arithmetic = arithmetic;
        _log = log;
        // The key names the dataset by its content, as the search does; loaded once, when the first worker starts.
        _datasetHash = new Lazy<string>(() => DatasetLoader.Load(_datasetFolder).ContentHash);
    }

    public string DeviceDescription => $"{_deviceDescription}, {_executor.Placement}";

    /// <inheritdoc />
    /// <remarks>The workers get the same settings as the local trainer this was resolved from.</remarks>
    public string Arithmetic { get; }

    public TrainingResult Train(NetworkPlan plan, TrainingData data, TrainingRecipe recipe, TrainingControl control, CancellationToken cancellationToken)
    {
        TrainingOutcome? outcome = null;
        TrainBatch([new TrainingJob(plan, control)], data, recipe, (_, o) => outcome = o, cancellationToken);
        return outcome!.NotTrainable is { } notTrainable ? throw notTrainable : outcome.Result!;
    }

    /// <summary>Hands the whole batch to the executor, then serves each worker's channel on a thread of its own until all have ended.</summary>
    public void TrainBatch(IReadOnlyList<TrainingJob> jobs, TrainingData data, TrainingRecipe recipe, Action<int, TrainingOutcome> ended, CancellationToken cancellationToken)
    {
        var folders = new List<string>();
        try
        {
            var launches = new List<(WorkerLaunch Launch, string Key)>();
            foreach (var job in jobs)
            {
                var folder = _executor.CreateScratchFolder();
                folders.Add(folder);
                launches.Add(LaunchOf(job, recipe, folder));
            }
            var sessions = _executor.Start(launches.Select(l => l.Launch).ToList(), cancellationToken);
            try
            {
                var failures = new Exception?[jobs.Count];
                var threads = Enumerable.Range(0, jobs.Count).Select(i => new Thread(() =>
                {
                    try
                    {
                        ended(i, TrainingOutcome.Of(() => Serve(sessions[i], jobs[i], launches[i].Key, data, recipe, cancellationToken)));
                    }
                    catch (Exception ex)
                    {
                        failures[i] = ex;
                    }
                    finally
                    {
                        // As soon as this worker has ended, not with the batch: its slot goes to a worker waiting for one,
                        // and a search killed meanwhile leaves nothing of it behind.
                        sessions[i].Dispose();
                        DeleteFolder(folders[i]);
                    }
                }) { IsBackground = true, Name = $"shapednn worker channel {jobs[i].Plan.Shape.Name}" }).ToList();
                threads.ForEach(t => t.Start());
                threads.ForEach(t => t.Join());
                cancellationToken.ThrowIfCancellationRequested();
                var failed = failures.OfType<Exception>().ToList();
                // One failure is thrown as it is, so that its code reaches the user; several come together.
                if (failed.Count == 1) ExceptionDispatchInfo.Capture(failed[0]).Throw();
                if (failed.Count > 1) throw new AggregateException(failed);
            }
            finally
            {
                foreach (var session in sessions) session.Dispose();
            }
        }
        finally
        {
            folders.ForEach(DeleteFolder);
        }
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Removed by the next search (WorkerScratchFolder.RemoveStale) once this process is gone.
        }
    }

    /// <summary>The worker's command line, its recipe (and checkpoint to resume from) written to <paramref name="folder"/>.</summary>
    private (WorkerLaunch Launch, string Key) LaunchOf(TrainingJob job, TrainingRecipe recipe, string folder)
    {
        var plan = job.Plan;
        var recipeFile = Path.Combine(folder, "recipe.json");
        string key = TrainedShapeKey.For(_datasetHash.Value, recipe, plan.Shape, plan.Input, Arithmetic);
        File.WriteAllText(recipeFile, JsonSerializer.Serialize(recipe, CliJsonContext.Default.TrainingRecipe));
        var arguments = new List<string>
        {
            "train", "--channel", "--data", _datasetFolder, "--shape", plan.Shape.Name, "--recipe", recipeFile,
            "--cache", _cacheFolder, "--cache-key", key,
        };
        if (job.Control.ResumeFrom is { } resume)
        {
            var resumeFile = Path.Combine(folder, "resume.checkpoint");
            File.WriteAllBytes(resumeFile, TrainingCheckpointFile.Serialize(resume));
            arguments.AddRange(["--resume-from", resumeFile]);
        }
        arguments.AddRange(_settings.ToArguments());
        return (new WorkerLaunch(plan, arguments), key);
    }

    /// <summary>Serves one worker's channel and reads its result back from the cache entry it wrote.</summary>
    private TrainingResult Serve(IWorkerSession session, TrainingJob job, string key, TrainingData data, TrainingRecipe recipe, CancellationToken cancellationToken)
    {
        var plan = job.Plan;
        var (exitCode, result, stderr) = RunChild(session, job.Control, cancellationToken);
        if (exitCode == TrainCommand.NotTrainableExitCode)
            throw new ShapeNotTrainableException(LastLine(stderr));
        if (exitCode != 0 || result?.Result is not { } summary)
            throw new ShapeDnnException(ErrorCode.Internal, $"The worker training {plan.Shape.Name} failed (exit {exitCode}{(result is null ? ", no result" : "")}): {Tail(stderr)}");
        if (summary.TrainImages != data.Train.Count)
            throw new ShapeDnnException(ErrorCode.Internal, $"The worker trained {plan.Shape.Name} on {summary.TrainImages} images, the search expected {data.Train.Count}.");

        // The worker's cache entry is the result: weights, and for a stopped run its checkpoint (no copy of either goes through the scratch folder).
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

    /// <summary>
    /// Serves the worker's channel on this thread: progress to <see cref="TrainingControl.Progress"/>, each
    /// epoch to <see cref="TrainingControl.EpochCompleted"/> and its answer back; then waits for its end.
    /// </summary>
    private (int ExitCode, WorkerEvent? Result, string Stderr) RunChild(IWorkerSession session, TrainingControl control, CancellationToken cancellationToken)
    {
        WorkerEvent? result = null;
        try
        {
            while (session.ReadLine(cancellationToken) is { } line)
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
                        session.Answer(decision == EpochDecision.Stop ? WorkerEvent.Stop : WorkerEvent.Continue);
                        break;
                    case "result":
                        result = message;
                        break;
                }
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A callback failed: the worker must not train on unattended.
            session.Kill();
            throw;
        }
        var exit = session.WaitForExit(cancellationToken);
        return (exit.ExitCode, result, exit.Diagnostics);
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no reason given";

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "…" + text[^2000..].Trim();
}
