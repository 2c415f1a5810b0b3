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
    public static CliCommand Definition() => new("replay",
        "The real search with training replaced by a ground truth (JSON Lines, benchmarks/ground-truth): which shape it picks and what it spends against exhaustive training; CPU only, milliseconds.",
    [
        CliOptions.GroundTruth, CliOptions.Constraints, CliOptions.Goal, CliOptions.BatchSize, CliOptions.Budget, CliOptions.DesignSpace,
        CliOptions.Input, CliOptions.Classes, CliOptions.Parallel, CliOptions.JoinPercent, CliOptions.Json,
    ], c => Run(c.Line, c.Stdout));

    public static int Run(CommandLine line, TextWriter stdout)
    {
        var request = new ReplayRequest(
            GroundTruthPath: line.Required(CliOptions.GroundTruth),
            Constraints: ConstraintParser.Parse(line.Value(CliOptions.Constraints)),
            Goal: GoalParser.Parse(line.Value(CliOptions.Goal)),
            BatchSize: line.Int(CliOptions.BatchSize, 1),
            Budget: line.Value(CliOptions.Budget) is { } budget ? TrainingBudget.Parse(budget) : null,
            Space: line.Value(CliOptions.DesignSpace) is { } space ? DesignSpaceSpec.Parse(space) : null,
            Input: ShapesCommand.ParseInput(line.Value(CliOptions.Input) ?? "1x28x28", line.Int(CliOptions.Classes, 10)),
            Parallel: line.Int(CliOptions.Parallel, 1))
        {
            JoinProbability = line.Value(CliOptions.JoinPercent) is null ? null : line.Int(CliOptions.JoinPercent, 0) / 100.0,
        };
        var result = ReplaySearch.Run(request);

        if (line.Flag(CliOptions.Json))
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
