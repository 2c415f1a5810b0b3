using ShapeDnn.DesignSpace;

namespace ShapeDnn.Search;

/// <summary>
/// The structure of the space: accuracy does not fall when a network gets deeper or wider (it rises
/// and saturates), up to <see cref="Tolerance"/>. So a shape is at most as accurate as any shape
/// at least as deep and as wide, and at least as accurate as any shape at most as deep and as
/// wide; a few trainings thereby bound whole regions that the predictor alone would leave open.
/// </summary>
/// <remarks>
/// The tolerance covers seed noise and the small non-monotonic wiggles the ground truth shows
/// (benchmarks/ground-truth: the largest drop from a shape to one that dominates it). That drop is
/// between two measured accuracies, so it already holds both runs' seed noise: a complete run enters
/// at its measured value (Lower = Upper), a run stopped early with its prediction's interval.
/// </remarks>
public sealed class MonotoneBounds
{
    /// <summary>How much a dominating shape may fall short of a dominated one (accuracy units), under the standard budget.</summary>
    public const double Tolerance = 0.003;

    /// <summary>
    /// The tolerance under a reduced budget (fewer epochs or a training subset): there the structure barely
    /// holds, deep narrow networks underfit (the quick budget's ground truth, cpu-quick.jsonl: WRN-64-1 1.8 pp
    /// below WRN-52-1, WRN-40-1 1.7 pp below WRN-28-1), and a 0.3 pp tolerance let a stopped WRN-22-2 rule out
    /// WRN-16-1, which the same cache held complete above the limit.
    /// </summary>
    public const double ReducedBudgetTolerance = 0.02;

    private readonly IReadOnlyList<(Shape Shape, double Lower, double Upper)> _known;
    private readonly double _tolerance;

    /// <summary>Creates bounds from shapes whose accuracy is known to lie within [Lower, Upper].</summary>
    public MonotoneBounds(IReadOnlyList<(Shape Shape, double Lower, double Upper)> known, double tolerance = Tolerance)
    {
        _known = known;
        _tolerance = tolerance;
    }

    /// <summary>
    /// The tolerance for <paramref name="recipe"/>: <see cref="Tolerance"/> for a full training set and at
    /// least the standard budget's epochs (the H200 ground truth's largest drop is 0.26 pp), else
    /// <see cref="ReducedBudgetTolerance"/>.
    /// </summary>
    public static double ToleranceFor(Training.TrainingRecipe recipe) =>
        recipe.TrainSubset is null && recipe.Epochs >= Training.TrainingBudget.Standard.Recipe.Epochs ? Tolerance : ReducedBudgetTolerance;

    /// <summary>The interval <paramref name="shape"/>'s accuracy must lie in, given the known shapes; [0, 1] when none bounds it.</summary>
    public (double Lower, double Upper) For(Shape shape)
    {
        double lower = 0, upper = 1;
        foreach (var (other, lo, hi) in _known)
        {
            if (other == shape) continue;
            if (other.Covers(shape)) upper = Math.Min(upper, hi + _tolerance);
            if (shape.Covers(other)) lower = Math.Max(lower, lo - _tolerance);
        }
        // Contradictory evidence (noise larger than the tolerance): fall back to no bound at all rather than an empty interval.
        return lower <= upper ? (lower, upper) : (0, 1);
    }
}
