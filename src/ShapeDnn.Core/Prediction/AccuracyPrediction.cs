namespace ShapeDnn.Prediction;

/// <summary>A predicted validation accuracy with its uncertainty.</summary>
/// <param name="Mean">Predicted accuracy, 0 … 1.</param>
/// <param name="StandardDeviation">Standard deviation of a measurement at this shape (model uncertainty and seed noise).</param>
public readonly record struct AccuracyPrediction(double Mean, double StandardDeviation)
{
    /// <summary>Probability that a measurement is at least <paramref name="threshold"/>, under a normal model.</summary>
    public double ProbabilityAtLeast(double threshold) =>
        StandardDeviation <= 0 ? (Mean >= threshold ? 1 : 0) : 1 - Normal.Cdf((threshold - Mean) / StandardDeviation);

    /// <summary>
    /// Probability of a measurement of at least <paramref name="threshold"/> when the accuracy is
    /// also known to lie within [<paramref name="lower"/>, <paramref name="upper"/>] (a normal
    /// truncated to that interval): 0 above <paramref name="upper"/>, 1 at or below <paramref name="lower"/>.
    /// </summary>
    public double ProbabilityAtLeast(double threshold, double lower, double upper)
    {
        if (threshold > upper) return 0;
        if (threshold <= lower) return 1;
        if (StandardDeviation <= 0) return Mean >= threshold ? 1 : 0;
        double a = Normal.Cdf((lower - Mean) / StandardDeviation), b = Normal.Cdf((upper - Mean) / StandardDeviation);
        double t = Normal.Cdf((threshold - Mean) / StandardDeviation);
        // Almost no mass inside the interval: the mean lies far outside it, so the nearer bound decides.
        if (b - a < 1e-12) return Mean >= upper ? 1 : Mean <= lower ? 0 : (upper - threshold) / Math.Max(1e-12, upper - lower);
        return Math.Clamp((b - t) / (b - a), 0, 1);
    }

    /// <summary>Expected improvement over <paramref name="best"/>: E[max(0, X − best)] under the normal model.</summary>
    public double ExpectedImprovement(double best)
    {
        if (StandardDeviation <= 0) return Math.Max(0, Mean - best);
        double z = (Mean - best) / StandardDeviation;
        return (Mean - best) * Normal.Cdf(z) + StandardDeviation * Normal.Pdf(z);
    }

}
