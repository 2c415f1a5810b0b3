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
    /// <summary>How much a dominating shape may fall short of a dominated one (accuracy units).</summary>
    public const double Tolerance = 0.003;

    private readonly IReadOnlyList<(Shape Shape, double Lower, double Upper)> _known;

    /// <summary>Creates bounds from shapes whose accuracy is known to lie within [Lower, Upper].</summary>
    public MonotoneBounds(IReadOnlyList<(Shape Shape, double Lower, double Upper)> known) => _known = known;

    /// <summary>The interval <paramref name="shape"/>'s accuracy must lie in, given the known shapes; [0, 1] when none bounds it.</summary>
    public (double Lower, double Upper) For(Shape shape)
    {
        double lower = 0, upper = 1;
        foreach (var (other, lo, hi) in _known)
        {
            if (other == shape) continue;
            if (other.Covers(shape)) upper = Math.Min(upper, hi + Tolerance);
            if (shape.Covers(other)) lower = Math.Max(lower, lo - Tolerance);
        }
        // Contradictory evidence (noise larger than the tolerance): fall back to no bound at all rather than an empty interval.
        return lower <= upper ? (lower, upper) : (0, 1);
    }
}
