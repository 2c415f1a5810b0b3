using System.Globalization;
using System.Text.Json;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Cli.Output;
using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Replay;
using ShapeDnn.Training;

namespace ShapeDnn.Cli.Commands;

/// <summary>
/// <c>shapednn replay</c>: the real search on a ground truth instead of a trainer — which shape it
/// picks and what its training would cost against exhaustive training. No TorchSharp, no device.
/// </summary>
internal static class ReplayCommand
{
    public static readonly string[] Options = ["--ground-truth", "--constraints", "--goal", "--batch-size", "--budget", "--design-space", "--input", "--classes", "--parallel"];
    public static readonly string[] Flags = ["--json"];

    public static int Run(CommandLine line, TextWriter stdout)
    {
        var request = new ReplayRequest(
            GroundTruthPath: line.Required("--ground-truth", "the ground-truth file (.jsonl)"),
            Constraints: ConstraintParser.Parse(line.Value("--constraints")),
            Goal: GoalParser.Parse(line.Value("--goal")),
            BatchSize: line.PositiveInt("--batch-size", 1),
            Budget: line.Value("--budget") is { } budget ? TrainingBudget.Parse(budget) : null,
            Space: line.Value("--design-space") is { } space ? DesignSpaceSpec.Parse(space) : null,
            Input: ShapesCommand.ParseInput(line.Value("--input") ?? "1x28x28", line.PositiveInt("--classes", 10)),
            Parallel: line.PositiveInt("--parallel", 1));
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
