using System.Diagnostics;
using System.Text.Json;
using ShapeDnn.Cache;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Hosting;
using ShapeDnn.Cli.Output;
using ShapeDnn.Cli.Training;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Families;
using ShapeDnn.Engine;
using ShapeDnn.Tensors;
using ShapeDnn.Training;
using ShapeDnn.Training.Native;
using ShapeDnn.Training.Trainer;

namespace ShapeDnn.Cli.Commands;

/// <summary>
/// <c>shapednn train</c>: trains one shape with the search's data split and recipe and prints
/// throughput, accuracy and time. Also the worker that <c>search --parallel N</c> starts per shape
/// (then with <c>--channel</c>, <c>--recipe</c>, <c>--cache</c>/<c>--cache-key</c> and
/// <c>--checkpoint-out</c>; see docs/workers.md).
/// </summary>
internal static class TrainCommand
{
    /// <summary>Exit code when the shape cannot be trained on this device (e.g. out of memory at the smallest batch).</summary>
    public const int NotTrainableExitCode = 3;

    public static CliCommand Definition() => new("train",
        "Trains one shape with the search's split and recipe; prints accuracy, throughput (also without the warm-up epoch) and time. " +
        "Exit 3 if the shape cannot be trained on the device (out of memory even at batch 16). Also the worker of search --parallel (docs/workers.md).",
    [
        CliOptions.Data, CliOptions.Shape, CliOptions.Budget, CliOptions.BatchSizeTrain, CliOptions.Threads, .. TrainerSettings.Options, CliOptions.ResumeFrom,
        CliOptions.Json, CliOptions.Verbose, CliOptions.Channel, CliOptions.Recipe, CliOptions.CheckpointOut, CliOptions.WeightsOut, CliOptions.Cache, CliOptions.CacheKey, CliOptions.ChannelFolder,
    ], c => Run(c.Line, c.Stdin, c.Stdout, c.Stderr, c.CancellationToken));

    /// <summary>
    /// Runs the command; with <c>--channel</c> stdout carries only <see cref="WorkerEvent"/> lines and stdin the parent's decisions;
    /// with <c>--channel-folder DIR</c> the same go through files in DIR (<see cref="FileChannel"/>: Slurm tasks, which no pipe reaches).
    /// </summary>
    public static int Run(CommandLine line, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var channelFolder = line.Value(CliOptions.ChannelFolder);
        if (!line.Flag(CliOptions.Channel) && channelFolder is null) return Train(line, null, stdout, stderr, cancellationToken);
        // Before any heavy work: a worker must not outlive the search that started it.
        ParentDeathSignal.Arm();
        var (input, events) = channelFolder is null ? (stdin, stdout) : FileChannel.OpenWorkerEnds(channelFolder);
        using var channel = WorkerChannel.Open(input, events);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, channel.ParentGone);
        try
        {
            return Train(line, channel, stderr, stderr, either.Token);
        }
        catch (OperationCanceledException) when (either.IsCancellationRequested)
        {
            // No result will be read: remove the files this worker was handed or wrote, so that no weights stay behind.
            WorkerScratchFolder.RemoveFilesOf(line);
            if (!channel.ParentGone.IsCancellationRequested) throw;
            stderr.WriteLine($"{ErrorCode.Cancelled.ToCodeString()}: the search that started this worker is gone; training stopped.");
            return 130;
        }
    }

    private static int Train(CommandLine line, WorkerChannel? channel, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string folder = line.Required(CliOptions.Data);
        var shape = ShapeName.Parse(line.Required(CliOptions.Shape));
        var recipe = line.Value(CliOptions.Recipe) is { } recipeFile ? ReadRecipe(recipeFile) : TrainingBudget.Parse(line.Value(CliOptions.Budget)).Recipe;
        if (line.Value(CliOptions.BatchSizeTrain) is not null)
        {
            int batch = line.Int(CliOptions.BatchSizeTrain, recipe.BatchSize);
            // The recipe's lr is for its batch; keep lr/batch constant (linear scaling), as the PyTorch reference script does.
            recipe = recipe with { BatchSize = batch, LearningRate = recipe.LearningRate * batch / recipe.BatchSize };
        }
        var settings = TrainerSettings.From(line);
        bool json = line.Flag(CliOptions.Json) || channel is not null, verbose = line.Flag(CliOptions.Verbose);
        var resumeFrom = line.Value(CliOptions.ResumeFrom) is { } resumeFile ? ReadCheckpoint(resumeFile) : null;
        string? cacheFolder = line.Value(CliOptions.Cache), cacheKey = line.Value(CliOptions.CacheKey);
        if ((cacheFolder is null) != (cacheKey is null)) throw CommandLine.Error("--cache and --cache-key go together");
        Action<string>? log = verbose ? stderr.WriteLine : null;

        var dataset = DatasetLoader.Load(folder);
        var split = SearchEngine.SplitFor(dataset, recipe, stderr.WriteLine);
        var data = new TrainingData(split.Train, split.Validation, split.Test, ChannelNormalization.Compute(split.Train));
        var plan = NetworkFamilies.Plan(shape, dataset.Train.Shape);

        var native = new TorchNativeOptions { LibTorchDirectory = settings.LibTorch, Log = log };
        var device = DeviceSelection.Resolve(settings.Device, native, log);
        var trainer = new TorchShapeTrainer(new TorchTrainerOptions
        {
            Device = device,
            Precision = settings.Precision,
            ChannelsLast = settings.ChannelsLast,
            CudnnBenchmark = settings.CudnnAutotune,
            Threads = line.Value(CliOptions.Threads) is null ? null : line.Int(CliOptions.Threads, 1),
            Native = native,
            Log = stderr.WriteLine,
        });
        if (cacheKey is not null && TrainedShapeKey.For(dataset.ContentHash, recipe, shape, plan.Input, trainer.Arithmetic) != cacheKey)
            throw new ShapeDnnException(ErrorCode.Internal, $"--cache-key {cacheKey} is not the key of this training; the search and its worker disagree on what they train.");
        if (!json) stdout.WriteLine($"Training {shape.Name} ({plan.ParameterCount:N0} parameters) on {trainer.DeviceDescription}: {data.Train.Count} images, {recipe.Epochs} epochs, batch {recipe.BatchSize}");

        TrainingResult result;
        try
        {
            var control = new TrainingControl
            {
                Progress = channel?.Progress ?? new EpochPrinter(json ? stderr : stdout, verbose || !json),
                EpochCompleted = channel is null ? null : epoch => channel.Decide(epoch, cancellationToken),
                ResumeFrom = resumeFrom,
            };
            result = trainer.Train(plan, data, recipe, control, cancellationToken);
        }
        catch (ShapeNotTrainableException ex)
        {
            stderr.WriteLine($"{ErrorCode.NothingTrainable.ToCodeString()}: {shape.Name} cannot be trained here: {ex.Reason}");
            return NotTrainableExitCode;
        }
        if (line.Value(CliOptions.WeightsOut) is { } weightsOut)
        {
            try
            {
                ShapeDnn.Cache.AtomicFile.WriteAllBytes(weightsOut, TensorFile.Serialize(result.Weights));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ShapeDnnException(ErrorCode.OutputNotWritable, $"--weights-out '{weightsOut}' cannot be written: {Sentences.Clause(ex.Message)}. Give a writable path.", ex);
            }
        }
        string? checkpointOut = result.Checkpoint is null ? null : line.Value(CliOptions.CheckpointOut);
        if (checkpointOut is not null)
            AtomicFile.WriteAllBytes(checkpointOut, TrainingCheckpointFile.Serialize(result.Checkpoint!));
        // Stored here, by the worker, before the result is reported: a finished training survives whatever happens to the parent.
        if (cacheFolder is not null)
            new TrainedShapeCache(cacheFolder, stderr.WriteLine).Store(cacheKey!, CachedTraining.Of(shape.Name, result, trainer.DeviceDescription), result.Weights,
                result.Checkpoint is { } checkpoint ? TrainingCheckpointFile.Serialize(checkpoint) : null);

        var summary = new TrainSummary(shape.Name, plan.ParameterCount, trainer.DeviceDescription, result.BatchSize, recipe.Epochs, data.Train.Count,
            result.ValidationAccuracy, result.TestAccuracy, result.TrainingSeconds, result.ImagesPerSecond,
            TrainSummary.SteadyThroughput(result.Epochs, data.Train.Count), clock.Elapsed.TotalSeconds, result.Note, result.Epochs);
        if (channel is not null)
        {
            channel.Write(new WorkerEvent { Event = "result", Result = summary, Cached = cacheFolder is not null, CheckpointFile = checkpointOut });
            return 0;
        }
        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(summary, CliJsonContext.Default.TrainSummary));
            return 0;
        }
        stdout.WriteLine(result.Checkpoint is null
            ? $"{shape.Name}: validation {result.ValidationAccuracy:P2}, test {result.TestAccuracy:P2}"
            : $"{shape.Name}: stopped after epoch {result.Checkpoint.EpochsDone} of {recipe.Epochs}, validation {result.ValidationAccuracy:P2}");
        stdout.WriteLine($"Throughput {result.ImagesPerSecond:N0} images/s{(summary.ImagesPerSecondAfterFirstEpoch is { } steady ? $" ({steady:N0} images/s after the first epoch)" : "")}; " +
            $"training {Format.Seconds(result.TrainingSeconds)}, total {Format.Seconds(clock.Elapsed.TotalSeconds)}.");
        if (result.Note is not null) stdout.WriteLine($"Note: {result.Note}");
        return 0;
    }

    private static TrainingRecipe ReadRecipe(string path)
    {
        TrainingRecipe? recipe;
        try
        {
            recipe = JsonSerializer.Deserialize(File.ReadAllText(path), CliJsonContext.Default.TrainingRecipe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            throw CommandLine.Error($"--recipe '{path}' cannot be read: {Sentences.Clause(ex.Message)}");
        }
        if (recipe is null) throw CommandLine.Error($"--recipe '{path}' holds no recipe (null)");
        // Every field, before any data is loaded: a recipe file is input like any other.
        var problems = recipe.Problems();
        return problems.Count == 0 ? recipe : throw CommandLine.Error($"--recipe '{path}': {string.Join("; ", problems)}");
    }

    private static TrainingCheckpoint ReadCheckpoint(string path)
    {
        try
        {
            return TrainingCheckpointFile.Deserialize(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw CommandLine.Error($"--resume-from '{path}' cannot be read: {ex.Message}");
        }
    }

    /// <summary>Prints one line per finished epoch (progress arrives on the training thread).</summary>
    private sealed class EpochPrinter(TextWriter writer, bool enabled) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (enabled && value.Batch == value.Batches)
                writer.WriteLine($"  epoch {value.Epoch}/{value.Epochs}: loss {value.Loss:0.0000}, {Format.Seconds(value.Elapsed.TotalSeconds)} elapsed");
        }
    }
}
