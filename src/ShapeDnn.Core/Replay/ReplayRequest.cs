using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Training;

namespace ShapeDnn.Replay;

/// <summary>What <c>shapednn replay</c> asks: a search whose trainings are looked up in a ground truth.</summary>
/// <param name="GroundTruthPath">The ground-truth file (JSON Lines).</param>
/// <param name="Constraints">The limits.</param>
/// <param name="Goal">The goal.</param>
/// <param name="BatchSize">The batch size whose latency and energy the limits mean.</param>
/// <param name="Budget">The budget: its ceiling (<c>shapes=</c>) and seed (which lines of the file); its epochs must be the file's.</param>
/// <param name="Space">The design space; null for every shape in the file.</param>
/// <param name="Input">The image geometry the file's networks were built for (their parameter counts are checked against it).</param>
/// <param name="Parallel">Shapes proposed at a time, as <c>search --parallel</c> would.</param>
public sealed record ReplayRequest(
    string GroundTruthPath,
    ConstraintSet Constraints,
    Goal Goal,
    int BatchSize,
    TrainingBudget? Budget,
    DesignSpaceSpec? Space,
    InputShape Input,
    int Parallel = 1)
{
    /// <summary>The search's <see cref="Search.SearchSettings.JoinProbability"/>; null for the default (to measure the trade-off).</summary>
    public double? JoinProbability { get; init; }
}
