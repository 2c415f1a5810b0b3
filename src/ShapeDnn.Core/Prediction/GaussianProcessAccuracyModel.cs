using ShapeDnn.DesignSpace;

namespace ShapeDnn.Prediction;

/// <summary>
/// Predicts validation accuracy over depth × width with a Gaussian process: inputs are log depth
/// and log width scaled to [0, 1] over the design space, the kernel is squared-exponential with a
/// length scale per axis, and the prior mean is a trend that rises with depth and width (accuracy
/// grows with both and saturates): a plane with non-negative slopes, fitted to the measurements and
/// held near <see cref="PriorSlope"/> while there are few, so that an untrained shape beyond every
/// trained one is predicted at least as accurate as they are, not at their average. Hyper-parameters
/// (length scales, signal scale, noise) are chosen by maximum marginal likelihood on a small grid,
/// which is robust with the handful of points a search has.
/// </summary>
/// <remarks>
/// Why a GP: the search needs an uncertainty estimate to decide where training is still worth it
/// (Shape_DNN's "train some, predict the rest"), and accuracy over the shape grid is smooth but not
/// monotone enough for a parametric fit. Seed-to-seed noise of a trained accuracy is modelled by
/// a noise floor of <see cref="MinimumNoise"/>.
/// </remarks>
public sealed class GaussianProcessAccuracyModel
{
    /// <summary>Smallest measurement noise assumed (accuracy units): seed-to-seed variation of a short training run.</summary>
    public const double MinimumNoise = 0.003;

    /// <summary>Prior standard deviation of accuracy before any measurement.</summary>
    public const double PriorScale = 0.05;

    /// <summary>
    /// Prior slope of accuracy per unit of scaled log depth and of scaled log width: a least-squares
    /// plane over the 27 shapes of the GPU ground truth (benchmarks/ground-truth) rises 1.2 pp along each.
    /// </summary>
    public const double PriorSlope = 0.012;

    /// <summary>Weight of the prior slopes, in measurements at unit distance.</summary>
    private const double SlopePriorWeight = 1;

    private static readonly double[] LengthScales = [0.15, 0.3, 0.6, 1.2, 2.4];
    private static readonly double[] SignalScales = [0.005, 0.01, 0.02, 0.05, 0.1];
    private static readonly double[] NoiseScales = [MinimumNoise, 0.006, 0.012];

    private readonly double _logDepthMin, _logDepthSpan, _logWidthMin, _logWidthSpan;
    private (double X, double Y)[] _inputs = [];
    private double[] _alpha = [];
    private double[] _extraVariance = [];
    private double[,] _cholesky = new double[0, 0];
    private double _priorMean = 0.5;
    private double _depthSlope, _widthSlope;

    /// <summary>Creates an unfitted model for shapes within <paramref name="space"/>.</summary>
    public GaussianProcessAccuracyModel(DesignSpaceSpec space) : this(space.Shapes)
    {
    }

    /// <summary>Creates an unfitted model scaled to the depth and width range of <paramref name="shapes"/>.</summary>
    /// <exception cref="ArgumentException">No shapes.</exception>
    public GaussianProcessAccuracyModel(IEnumerable<Shape> shapes)
    {
        var list = shapes.ToList();
        if (list.Count == 0) throw new ArgumentException("The model needs the shapes it predicts.", nameof(shapes));
        _logDepthMin = Math.Log(list.Min(s => s.Depth));
        _logDepthSpan = Math.Max(1e-9, Math.Log(list.Max(s => s.Depth)) - _logDepthMin);
        _logWidthMin = Math.Log(list.Min(s => s.Width));
        _logWidthSpan = Math.Max(1e-9, Math.Log(list.Max(s => s.Width)) - _logWidthMin);
    }

    /// <summary>Chosen length scale along log depth (scaled units).</summary>
    public double DepthLengthScale { get; private set; } = 1;

    /// <summary>Chosen length scale along log width (scaled units).</summary>
    public double WidthLengthScale { get; private set; } = 1;

    /// <summary>Chosen signal standard deviation.</summary>
    public double SignalScale { get; private set; } = PriorScale;

    /// <summary>Chosen noise standard deviation.</summary>
    public double NoiseScale { get; private set; } = MinimumNoise;

    /// <summary>Number of measurements the model was fitted to.</summary>
    public int Observations => _inputs.Length;

    /// <summary>Fits the model to measured accuracies (replacing any earlier fit).</summary>
    public void Fit(IReadOnlyList<(Shape Shape, double Accuracy)> measurements) =>
        Fit(measurements.Select(m => (m.Shape, m.Accuracy, 0.0)).ToList());

    /// <summary>
    /// Fits the model to accuracies each known up to its own extra standard deviation (0 for a
    /// measured final accuracy; the learning-curve model's spread for a run stopped early, whose
    /// final accuracy is itself a prediction), on top of the fitted noise.
    /// </summary>
    public void Fit(IReadOnlyList<(Shape Shape, double Accuracy, double ExtraNoise)> measurements)
    {
        _extraVariance = measurements.Select(m => m.ExtraNoise * m.ExtraNoise).ToArray();
        _inputs = measurements.Select(m => Scale(m.Shape)).ToArray();
        var y = measurements.Select(m => m.Accuracy).ToArray();
        _priorMean = y.Length == 0 ? 0.5 : y.Average();
        (_depthSlope, _widthSlope) = (0, 0);
        if (y.Length == 0) return;
        FitTrend(y);
        var centred = y.Select((v, i) => v - Trend(_inputs[i])).ToArray();

        double bestEvidence = double.NegativeInfinity;
        foreach (var ld in LengthScales)
        foreach (var lw in LengthScales)
        foreach (var sf in SignalScales)
        foreach (var sn in NoiseScales)
        {
            var l = CholeskyFactor.Of(Covariance(ld, lw, sf, sn));
            if (l is null) continue;
            var alpha = Solve(l, centred);
            double evidence = -0.5 * Dot(centred, alpha) - LogDeterminantHalf(l);
            if (evidence > bestEvidence + 1e-12)
            {
                bestEvidence = evidence;
                (DepthLengthScale, WidthLengthScale, SignalScale, NoiseScale) = (ld, lw, sf, sn);
                (_cholesky, _alpha) = (l, alpha);
            }
        }
        // With one point the evidence cannot identify the signal scale: keep the prior's.
        if (y.Length == 1)
        {
            SignalScale = PriorScale;
            _cholesky = CholeskyFactor.Of(Covariance(DepthLengthScale, WidthLengthScale, SignalScale, NoiseScale))!;
            _alpha = Solve(_cholesky, centred);
        }
    }

    /// <summary>Predicts the accuracy a training run at <paramref name="shape"/> would measure.</summary>
    public AccuracyPrediction Predict(Shape shape)
    {
        if (_inputs.Length == 0) return new AccuracyPrediction(_priorMean, PriorScale);
        var x = Scale(shape);
        var k = _inputs.Select(p => Kernel(x, p, DepthLengthScale, WidthLengthScale, SignalScale)).ToArray();
        double mean = Trend(x) + Dot(k, _alpha);
        var v = ForwardSubstitute(_cholesky, k);
        double latent = Math.Max(0, SignalScale * SignalScale - Dot(v, v));
        return new AccuracyPrediction(Math.Clamp(mean, 0, 1), Math.Sqrt(latent + NoiseScale * NoiseScale));
    }

    /// <summary>
    /// Correlation of the measurements the model predicts at two shapes: the posterior covariance of
    /// the latent accuracy (what the trainings so far leave shared between the two) over the product
    /// of the two predicted standard deviations, which hold the independent seed noise as well. 1 for
    /// a shape with itself. The search uses it for the chance that all of several shapes fail together
    /// (close shapes tend to fail together, far ones independently).
    /// </summary>
    public double Correlation(Shape a, Shape b)
    {
        if (a == b) return 1;
        var (xa, xb) = (Scale(a), Scale(b));
        double prior = Kernel(xa, xb, DepthLengthScale, WidthLengthScale, SignalScale);
        if (_inputs.Length == 0) return prior / (PriorScale * PriorScale);
        var ka = _inputs.Select(p => Kernel(xa, p, DepthLengthScale, WidthLengthScale, SignalScale)).ToArray();
        var kb = _inputs.Select(p => Kernel(xb, p, DepthLengthScale, WidthLengthScale, SignalScale)).ToArray();
        var (va, vb) = (ForwardSubstitute(_cholesky, ka), ForwardSubstitute(_cholesky, kb));
        double signal = SignalScale * SignalScale, noise = NoiseScale * NoiseScale;
        double covariance = prior - Dot(va, vb);
        double sa = Math.Sqrt(Math.Max(0, signal - Dot(va, va)) + noise), sb = Math.Sqrt(Math.Max(0, signal - Dot(vb, vb)) + noise);
        return Math.Clamp(covariance / (sa * sb), -1, 1);
    }

    /// <summary>
    /// The prior trend: intercept plus non-negative slopes along scaled log depth and log width,
    /// by least squares with the slopes pulled towards <see cref="PriorSlope"/> (ridge), so that a
    /// few measurements cannot turn the structure of the space around.
    /// </summary>
    private void FitTrend(double[] y)
    {
        int n = y.Length;
        // Normal equations of [1, x, y] with the ridge on the two slopes.
        var a = new double[3, 3];
        var b = new double[3];
        for (int i = 0; i < n; i++)
        {
            double[] f = [1, _inputs[i].X, _inputs[i].Y];
            for (int r = 0; r < 3; r++)
            {
                b[r] += f[r] * y[i];
                for (int c = 0; c < 3; c++) a[r, c] += f[r] * f[c];
            }
        }
        for (int r = 1; r < 3; r++)
        {
            a[r, r] += SlopePriorWeight;
            b[r] += SlopePriorWeight * PriorSlope;
        }
        var solution = Solve3(a, b);
        _depthSlope = Math.Max(0, solution[1]);
        _widthSlope = Math.Max(0, solution[2]);
        // With a slope clamped at zero, the intercept is refitted to what is left.
        _priorMean = Enumerable.Range(0, n).Average(i => y[i] - _depthSlope * _inputs[i].X - _widthSlope * _inputs[i].Y);
    }

    private double Trend((double X, double Y) x) => _priorMean + _depthSlope * x.X + _widthSlope * x.Y;

    private static double[] Solve3(double[,] a, double[] b)
    {
        var m = new double[3, 4];
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++) m[r, c] = a[r, c];
            m[r, 3] = b[r];
        }
        for (int i = 0; i < 3; i++)
        {
            int pivot = i;
            for (int r = i + 1; r < 3; r++) if (Math.Abs(m[r, i]) > Math.Abs(m[pivot, i])) pivot = r;
            for (int c = 0; c < 4; c++) (m[i, c], m[pivot, c]) = (m[pivot, c], m[i, c]);
            if (Math.Abs(m[i, i]) < 1e-12) return [b[0] / Math.Max(1, a[0, 0]), PriorSlope, PriorSlope];
            for (int r = 0; r < 3; r++)
            {
                if (r == i) continue;
                double q = m[r, i] / m[i, i];
                for (int c = 0; c < 4; c++) m[r, c] -= q * m[i, c];
            }
        }
        return [m[0, 3] / m[0, 0], m[1, 3] / m[1, 1], m[2, 3] / m[2, 2]];
    }

    private (double X, double Y) Scale(Shape s) =>
        ((Math.Log(s.Depth) - _logDepthMin) / _logDepthSpan, (Math.Log(s.Width) - _logWidthMin) / _logWidthSpan);

    private static double Kernel((double X, double Y) a, (double X, double Y) b, double ld, double lw, double sf)
    {
        double dx = (a.X - b.X) / ld, dy = (a.Y - b.Y) / lw;
        return sf * sf * Math.Exp(-0.5 * (dx * dx + dy * dy));
    }

    private double[,] Covariance(double ld, double lw, double sf, double sn)
    {
        int n = _inputs.Length;
        var k = new double[n, n];
        for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            k[i, j] = Kernel(_inputs[i], _inputs[j], ld, lw, sf) + (i == j ? sn * sn + _extraVariance[i] : 0);
        return k;
    }

    private static double[] ForwardSubstitute(double[,] l, double[] b)
    {
        int n = b.Length;
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= l[i, k] * x[k];
            x[i] = sum / l[i, i];
        }
        return x;
    }

    private static double[] Solve(double[,] l, double[] b)
    {
        var z = ForwardSubstitute(l, b);
        int n = z.Length;
        var x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = z[i];
            for (int k = i + 1; k < n; k++) sum -= l[k, i] * x[k];
            x[i] = sum / l[i, i];
        }
        return x;
    }

    private static double LogDeterminantHalf(double[,] l)
    {
        double sum = 0;
        for (int i = 0; i < l.GetLength(0); i++) sum += Math.Log(l[i, i]);
        return sum;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
