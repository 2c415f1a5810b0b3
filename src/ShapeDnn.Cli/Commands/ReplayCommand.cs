using System.Globalization;
using System.Text.Json;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Output;
using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Replay;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Commands;

/// <summary>
/// <c>shapednn replay</c>: the real search on a ground truth instead of a trainer — which shape it
/// picks and what its training would cost against exhaustive training. No TorchSharp, no device.
/// </summary>
internal static class ReplayCommand
{
    public static readonly OptionSpec[] Options =
    [
        // The file is checked by GroundTruthFile itself, so that every problem with it is one code (SDNN026).
        OptionSpec.Text("--ground-truth"), OptionSpec.Text("--constraints"), OptionSpec.Text("--goal"),
        OptionSpec.Count("--batch-size", 1, Limits.MaxBatchSize), OptionSpec.Text("--budget"), OptionSpec.Text("--design-space"),
        OptionSpec.Text("--input"), ShapesCommand.ClassesOption, OptionSpec.Count("--parallel", 1, Limits.MaxParallel),
    ];
    public static readonly string[] Flags = ["--json"];

    public static int Run(CommandLine line, TextWriter stdout)
    {
        var request = new ReplayRequest(
            GroundTruthPath: line.Required("--ground-truth", "the ground-truth file (.jsonl)"),
            Constraints: ConstraintParser.Parse(line.Value("--constraints")),
            Goal: GoalParser.Parse(line.Value("--goal")),
            BatchSize: line.Int("--batch-size", 1),
            Budget: line.Value("--budget") is { } budget ? TrainingBudget.Parse(budget) : null,
            Space: line.Value("--design-space") is { } space ? DesignSpaceSpec.Parse(space) : null,
            Input: ShapesCommand.ParseInput(line.Value("--input") ?? "1x28x28", line.Int("--classes", 10)),
            Parallel: line.Int("--parallel", 1));
        var result = ReplaySearch.Run(request);

        if (line.Flag("--json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(result, CliJsonContext.Default.ReplayResult));
            return 0;
        }
        stdout.WriteLine($"Chosen: {result.Chosen} ({result.ChosenValidationAccuracy:P2} validation); exhaustive search chooses {result.ExhaustiveChoice ?? "nothing (no shape reaches MinAccuracy)"}.");
        stdout.WriteLine($"Training: {Format.Seconds(result.TrainingSeconds)} of {Format.Seconds(result.ExhaustiveSeconds)} exhaustive " +
            $"({result.SpendRatio.ToString("P1", CultureInfo.InvariantCulture)}) over {result.FeasibleShapes} feasible shapes; stopped: {result.StopReason}.");
        foreach (var t in result.Trained)
            stdout.WriteLine($"  {t.Shape,-10} {t.Epochs,3} epochs{(t.Stopped is null ? "" : $"  ({t.Stopped})")}");
        return 0;
    }
}
