using ShapeDnn.Constraints;
using ShapeDnn.DesignSpace;
using ShapeDnn.Profiles;

namespace ShapeDnn.Filtering;

/// <summary>
/// The state of one filter pass over latency and energy: measures shapes, judges them against the
/// limits, and remembers the shapes clearly over a limit (by <see cref="LimitCheck.DominanceFactor"/>, or that
/// the device cannot run) so that any shape at least as deep and as wide is excluded without measuring: latency
/// and energy grow with depth and width, though not strictly where a network is launch-bound.
/// </summary>
internal sealed class ProfilingRun(ShapeMeasurer measurer, ConstraintSet limits, bool needEnergy, Action<int, int, Shape>? progress, int total)
{
    private readonly List<(ShapeProfile Profile, string Limit)> _overLimit = [];
    private int _done;

    public ConstraintSet Limits => limits;
    public bool NeedEnergy => needEnergy;
    public ShapeMeasurer Measurer => measurer;
    public int Dominated { get; private set; }

    /// <summary>Excludes <paramref name="p"/> when it dominates a shape clearly over a limit; true if it did.</summary>
    public bool ExcludeIfDominated(ShapeProfile p)
    {
        var dominated = _overLimit.FirstOrDefault(o => p.Shape.Covers(o.Profile.Shape));
        if (dominated.Profile is null) return false;
        // A predicted figure is dropped: the exclusion rests on the measured, smaller shape.
        p.Latency = null;
        p.Energy = null;
        p.ExcludedBy = dominated.Limit == "Device"
            ? $"Device: at least as deep and wide as {dominated.Profile.Shape.Name}, which the device cannot run (not measured)"
            : $"{dominated.Limit}: at least as deep and wide as {dominated.Profile.Shape.Name}, which exceeds it (not measured)";
        Dominated++;
        return true;
    }

    /// <summary>Measures <paramref name="p"/> (unless dominated) and judges it; false when it ends up excluded.</summary>
    public bool MeasureAndJudge(ShapeProfile p, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (ExcludeIfDominated(p)) return false;
        progress?.Invoke(Math.Min(_done++, total - 1), total, p.Shape);
        if (!measurer.Measure(p, needEnergy, cancellationToken))
        {
            _overLimit.Add((p, "Device"));
            return false;
        }
        p.ExcludedBy = null;
        var limit = LimitCheck.JudgeMeasured(p, limits);
        if (limit is not null) _overLimit.Add((p, limit));
        return p.Feasible;
    }
}
