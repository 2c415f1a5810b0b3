using System.Diagnostics;
using System.Text.Json;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Output;
using ShapeDnn.Cli.Training;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Tensors;
using ShapeDnn.Training;
using ShapeDnn.Training.Native;
using ShapeDnn.Training.Trainer;

namespace ShapeDnn.Cli.Commands;

/// <summary>
/// <c>shapednn train</c>: trains one shape with the search's data split and recipe and prints
/// throughput, accuracy and time. Also the worker that <c>search --parallel N</c> starts per shape
/// (then with <c>--recipe</c> and <c>--weights-out</c>).
/// </summary>
internal static class TrainCommand
{
    /// <summary>Exit code when the shape cannot be trained on this device (e.g. out of memory at the smallest batch).</summary>
    public const int NotTrainableExitCode = 3;

    public static readonly OptionSpec[] Options =
    [
        OptionSpec.ExistingFolder("--data", ErrorCode.DatasetMissing), OptionSpec.Text("--shape"), OptionSpec.Text("--budget"),
        OptionSpec.Count("--batch-size-train", 1, Limits.MaxBatchSize), OptionSpec.Count("--threads", 1, Limits.MaxThreads),
        OptionSpec.ExistingFile("--recipe"), OptionSpec.NewFile("--weights-out", ErrorCode.OutputNotWritable), .. TrainerSettings.Options,
    ];
    public static readonly string[] Flags = ["--json", "--verbose"];

    public static int Run(CommandLine line, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string folder = line.Required("--data", "the dataset folder");
        var shape = ShapeName.Parse(line.Required("--shape", "the shape, e.g. WRN-16-4"));
        var recipe = line.Value("--recipe") is { } recipeFile ? ReadRecipe(recipeFile) : TrainingBudget.Parse(line.Value("--budget")).Recipe;
        if (line.Value("--batch-size-train") is not null)
        {
            int batch = line.Int("--batch-size-train", recipe.BatchSize);
            // The recipe's lr is for its batch; keep lr/batch constant (linear scaling), as the PyTorch reference script does.
            recipe = recipe with { BatchSize = batch, LearningRate = recipe.LearningRate * batch / recipe.BatchSize };
        }
        var settings = TrainerSettings.From(line);
        bool json = line.Flag("--json"), verbose = line.Flag("--verbose");
        Action<string>? log = verbose ? stderr.WriteLine : null;

        var dataset = DatasetLoader.Load(folder);
        var split = SearchEngine.SplitFor(dataset, recipe, stderr.WriteLine);
        var data = new TrainingData(split.Train, split.Validation, split.Test, ChannelNormalization.Compute(split.Train));
        var plan = WideResNetPlanner.Plan(shape, dataset.Train.Shape);

        var native = new TorchNativeOptions { LibTorchDirectory = settings.LibTorch, Log = log };
        var device = DeviceSelection.Resolve(settings.Device, native, log);
        var trainer = new TorchShapeTrainer(new TorchTrainerOptions
        {
            Device = device,
            Precision = settings.Precision,
            ChannelsLast = settings.ChannelsLast,
            Threads = line.Value("--threads") is null ? null : line.Int("--threads", 1),
            Native = native,
            Log = stderr.WriteLine,
        });
        if (!json) stdout.WriteLine($"Training {shape.Name} ({plan.ParameterCount:N0} parameters) on {trainer.DeviceDescription}: {data.Train.Count} images, {recipe.Epochs} epochs, batch {recipe.BatchSize}");

        TrainingResult result;
        try
        {
            var progress = new EpochPrinter(json ? stderr : stdout, verbose || !json);
            result = trainer.Train(plan, data, recipe, progress, cancellationToken);
        }
        catch (ShapeNotTrainableException ex)
        {
            stderr.WriteLine($"{ErrorCode.NothingTrainable.ToCodeString()}: {shape.Name} cannot be trained here: {ex.Reason}");
            return NotTrainableExitCode;
        }
        if (line.Value("--weights-out") is { } weightsOut)
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

        var summary = new TrainSummary(shape.Name, plan.ParameterCount, trainer.DeviceDescription, result.BatchSize, recipe.Epochs, data.Train.Count,
            result.ValidationAccuracy, result.TestAccuracy, result.TrainingSeconds, result.ImagesPerSecond,
            TrainSummary.SteadyThroughput(result.Epochs, data.Train.Count), clock.Elapsed.TotalSeconds, result.Note, result.Epochs);
        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(summary, CliJsonContext.Default.TrainSummary));
            return 0;
        }
        stdout.WriteLine($"{shape.Name}: validation {result.ValidationAccuracy:P2}, test {result.TestAccuracy:P2}");
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
