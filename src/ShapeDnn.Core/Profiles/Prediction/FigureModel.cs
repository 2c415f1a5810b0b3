using ShapeDnn.DesignSpace;

namespace ShapeDnn.Profiles.Prediction;

/// <summary>
/// Predicts a positive per-shape figure (latency or energy) from measurements of other shapes:
/// least squares on the logarithm of the figure over a quadratic surface in log depth and log width
/// plus log multiply-accumulates.
/// </summary>
/// <remarks>
/// Why this form: on a CPU latency grows roughly with MACs (the log-MACs term); on a GPU small
/// networks are launch-bound, so latency grows with the layer count (depth) far more than with
/// width, and the switch from launch-bound to compute-bound bends the surface — the quadratic
/// log-depth/log-width terms follow that bend. Features are standardised and a small ridge keeps
/// the nearly collinear terms (MACs ≈ depth × width²) stable. Errors are relative, as a fit in log
/// space makes them, which is what limits are judged by.
/// </remarks>
public sealed class FigureModel
{
    private const double Ridge = 1e-3;
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[] _coefficients;

    private FigureModel(double[] mean, double[] scale, double[] coefficients)
    {
        _mean = mean;
        _scale = scale;
        _coefficients = coefficients;
    }

    /// <summary>The fewest points <see cref="Fit"/> accepts.</summary>
    public const int MinimumPoints = 6;

    /// <summary>Fits the model to measured (plan, figure) pairs.</summary>
    /// <exception cref="ArgumentException">Fewer than <see cref="MinimumPoints"/> points, or a figure that is not positive.</exception>
    public static FigureModel Fit(IReadOnlyList<(NetworkPlan Plan, double Value)> points)
    {
        if (points.Count < MinimumPoints) throw new ArgumentException($"A fit needs at least {MinimumPoints} measured shapes, not {points.Count}.", nameof(points));
        if (points.Any(p => !(p.Value > 0) || !double.IsFinite(p.Value))) throw new ArgumentException("Figures must be positive and finite.", nameof(points));
        var raw = points.Select(p => RawFeatures(p.Plan)).ToList();
        int k = raw[0].Length;
        var mean = new double[k];
        var scale = new double[k];
        for (int j = 0; j < k; j++)
        {
            mean[j] = raw.Average(r => r[j]);
            double sd = Math.Sqrt(raw.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])));
            scale[j] = sd > 1e-12 ? sd : 1; // a constant feature (one depth only) stays harmless
        }
        var rows = raw.Select(r => Row(r, mean, scale)).ToList();
        var coefficients = LeastSquares.Solve(rows, points.Select(p => Math.Log(p.Value)).ToList(), Ridge);
        return new FigureModel(mean, scale, coefficients);
    }

    /// <summary>The predicted figure of <paramref name="plan"/>.</summary>
    public double Predict(NetworkPlan plan)
    {
        var row = Row(RawFeatures(plan), _mean, _scale);
        double log = 0;
        for (int j = 0; j < row.Length; j++) log += row[j] * _coefficients[j];
        return Math.Exp(log);
    }

    private static double[] RawFeatures(NetworkPlan plan)
    {
        double d = Math.Log(plan.Shape.Depth), w = Math.Log(plan.Shape.Width);
        return [d, w, d * d, w * w, d * w, Math.Log(plan.MultiplyAccumulates)];
    }

    private static double[] Row(double[] raw, double[] mean, double[] scale)
    {
        var row = new double[raw.Length + 1];
        row[0] = 1;
        for (int j = 0; j < raw.Length; j++) row[j + 1] = (raw[j] - mean[j]) / scale[j];
        return row;
    }
}
