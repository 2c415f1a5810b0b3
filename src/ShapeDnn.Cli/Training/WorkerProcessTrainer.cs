using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ShapeDnn.Cli.Commands;
using ShapeDnn.Cli.Output;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Tensors;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Training;

/// <summary>
/// Trains each shape in its own <c>shapednn train</c> child process, so that several shapes train on
/// one GPU at once (TorchSharp 0.107 exposes no CUDA streams, and one process's kernels serialise on
/// its default stream; small shapes are launch-bound, so separate processes fill the GPU's idle gaps).
/// Safe to call from several threads: each call is one process.
/// </summary>
/// <remarks>
/// The child re-derives the images from <paramref name="datasetFolder"/> with the engine's own split
/// (<see cref="Engine.SearchEngine.SplitFor"/>) and the exact recipe (passed as JSON), so its result is
/// the one an in-process training would give; the image counts are checked.
/// </remarks>
internal sealed class WorkerProcessTrainer(string datasetFolder, TrainerSettings settings, string deviceDescription, string arithmetic, Action<string>? log) : IShapeTrainer
{
    public string DeviceDescription => $"{deviceDescription}, one worker process per shape";

    /// <inheritdoc />
    /// <remarks>The workers get the same settings as the local trainer this was resolved from.</remarks>
    public string Arithmetic => arithmetic;

    public TrainingResult Train(NetworkPlan plan, TrainingData data, TrainingRecipe recipe, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("shapednn-worker-").FullName;
        try
        {
            var recipeFile = Path.Combine(folder, "recipe.json");
            var weightsFile = Path.Combine(folder, "weights.sdnt");
            File.WriteAllText(recipeFile, JsonSerializer.Serialize(recipe, CliJsonContext.Default.TrainingRecipe));
            var arguments = new List<string> { "train", "--data", Path.GetFullPath(datasetFolder), "--shape", plan.Shape.Name, "--recipe", recipeFile, "--weights-out", weightsFile, "--json" };
            arguments.AddRange(settings.ToArguments());

            var (exitCode, stdout, stderr) = RunChild(arguments, cancellationToken);
            if (exitCode == TrainCommand.NotTrainableExitCode)
                throw new ShapeNotTrainableException(LastLine(stderr));
            if (exitCode != 0)
                throw new ShapeDnnException(ErrorCode.Internal, $"The worker training {plan.Shape.Name} failed (exit {exitCode}): {Tail(stderr)}");

            var summary = JsonSerializer.Deserialize(stdout, CliJsonContext.Default.TrainSummary)
                ?? throw new ShapeDnnException(ErrorCode.Internal, $"The worker training {plan.Shape.Name} printed no result.");
            if (summary.TrainImages != data.Train.Count)
                throw new ShapeDnnException(ErrorCode.Internal, $"The worker trained {plan.Shape.Name} on {summary.TrainImages} images, the search expected {data.Train.Count}.");
            var weights = TensorFile.Deserialize(File.ReadAllBytes(weightsFile));
            log?.Invoke($"{plan.Shape.Name}: worker finished in {Format.Seconds(summary.WallSeconds)} ({summary.ImagesPerSecond:N0} images/s)");
            return new TrainingResult(summary.ValidationAccuracy, summary.TestAccuracy, summary.EpochDetails, summary.TrainingSeconds, summary.ImagesPerSecond, weights)
            {
                BatchSize = summary.BatchSize,
                Note = summary.Note,
            };
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Starts this executable again (the apphost, or <c>dotnet shapednn.dll</c>).</summary>
    private static (int ExitCode, string Stdout, string Stderr) RunChild(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var processPath = Environment.ProcessPath ?? throw new ShapeDnnException(ErrorCode.Internal, "The path of this executable is unknown; cannot start workers.");
        var start = new ProcessStartInfo(processPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
            start.ArgumentList.Add(typeof(WorkerProcessTrainer).Assembly.Location);
        foreach (var a in arguments) start.ArgumentList.Add(a);

        using var process = Process.Start(start) ?? throw new ShapeDnnException(ErrorCode.Internal, $"Could not start '{processPath}'.");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (cancellationToken.Register(() => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }))
            process.WaitForExit();
        cancellationToken.ThrowIfCancellationRequested();
        return (process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no reason given";

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "…" + text[^2000..].Trim();
}
