namespace ShapeDnn.Prediction;

/// <summary>The standard normal distribution's functions the predictor and the search need.</summary>
public static class Normal
{
    /// <summary>Cumulative distribution function Φ(x).</summary>
    public static double Cdf(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    /// <summary>Density φ(x).</summary>
    public static double Pdf(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);

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
