namespace ShapeDnn.Prediction;

/// <summary>A predicted validation accuracy with its uncertainty.</summary>
/// <param name="Mean">Predicted accuracy, 0 … 1.</param>
/// <param name="StandardDeviation">Standard deviation of a measurement at this shape (model uncertainty and seed noise).</param>
public readonly record struct AccuracyPrediction(double Mean, double StandardDeviation)
{
    /// <summary>Probability that a measurement is at least <paramref name="threshold"/>, under a normal model.</summary>
    public double ProbabilityAtLeast(double threshold) =>
        StandardDeviation <= 0 ? (Mean >= threshold ? 1 : 0) : 1 - NormalCdf((threshold - Mean) / StandardDeviation);

    /// <summary>Optimistic bound: mean + z·σ.</summary>
    public double Upper(double z) => Mean + z * StandardDeviation;

    private static double NormalCdf(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    // Abramowitz–Stegun 7.1.26; absolute error below 1.5e-7, ample for decisions at percent level.
    private static double Erf(double x)
    {
        double sign = Math.Sign(x);
        x = Math.Abs(x);
        double t = 1 / (1 + 0.3275911 * x);
        double y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }
}
