using ShapeDnn.Prediction;

namespace ShapeDnn.Search.LearningCurves;

/// <summary>
/// Predicts the final validation accuracy of a run from its first epochs (Shape_DNN's "model the
/// learning process"). Under a one-cycle schedule early epochs are not final accuracies: the
/// learning rate is still high, and accuracy jumps as it anneals. The model works on the error,
/// 1 − accuracy: log(final error) = log(lowest error in the first k epochs) + m(k/E) + ε, with m from the search's
/// own complete curves (shrunk towards <see cref="LearningCurvePrior"/> while there are few) and ε's
/// spread between shapes from the prior. ε was measured against each run's own final value, so it
/// holds that run's seed noise: nothing is added for it. A complete curve is its final value up to
/// seed noise (what another run of the shape would measure).
/// </summary>
/// <remarks>
/// The shared part m is dataset- and recipe-specific, which is why the search's own complete curves
/// replace the prior's mean; the spread between shapes at one point of the schedule is what decides
/// how early a run can be stopped, and it comes from the measured ground truth.
/// </remarks>
public sealed class LearningCurveModel
{
    /// <summary>Seed-to-seed standard deviation of a final validation accuracy (accuracy units), from repeated ground-truth runs.</summary>
    public const double SeedNoise = 0.002;

    /// <summary>Weight of the prior's mean, in complete curves.</summary>
    private const double PriorWeight = 1;

    private readonly int _epochs;
    private readonly LearningCurvePrior _prior;
    private readonly List<IReadOnlyList<double>> _complete = [];

    /// <summary>Creates a model for runs of <paramref name="epochs"/> epochs.</summary>
    public LearningCurveModel(int epochs, LearningCurvePrior prior)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        _epochs = epochs;
        _prior = prior;
    }

    /// <summary>Learns from a complete curve (one accuracy per epoch, all <c>epochs</c> of them); other lengths are ignored.</summary>
    public void Observe(IReadOnlyList<double> completeCurve)
    {
        if (completeCurve.Count == _epochs) _complete.Add(completeCurve.ToArray());
    }

    /// <summary>
    /// The final accuracy a run will reach, given its curve so far: exact (seed noise only) for a
    /// complete curve, wider the earlier the run is. A normal approximation, for the predictor.
    /// </summary>
    /// <exception cref="ArgumentException">An empty curve.</exception>
    public AccuracyPrediction PredictFinal(IReadOnlyList<double> curve)
    {
        var (logMedian, logSd) = LogFinalError(curve);
        double median = Math.Exp(logMedian);
        double finalError = median * Math.Exp(0.5 * logSd * logSd);
        return new AccuracyPrediction(Math.Clamp(1 - finalError, 0, 1), finalError * logSd);
    }

    /// <summary>Probability that the run ends at a validation accuracy of at least <paramref name="threshold"/>.</summary>
    /// <exception cref="ArgumentException">An empty curve.</exception>
    public double ProbabilityAtLeast(IReadOnlyList<double> curve, double threshold)
    {
        if (threshold >= 1) return 0;
        if (threshold <= 0) return 1;
        var (logMedian, logSd) = LogFinalError(curve);
        return Normal.Cdf((Math.Log(1 - threshold) - logMedian) / logSd);
    }

    /// <summary>Median and spread of log(final error) of this run (a complete curve: of another run of the shape, so seed noise).</summary>
    private (double LogMedian, double LogSd) LogFinalError(IReadOnlyList<double> curve)
    {
        if (curve.Count == 0) throw new ArgumentException("A curve has at least one epoch.", nameof(curve));
        int k = Math.Min(curve.Count, _epochs);
        // The lowest error so far: a dip at the peak learning rate says little about the end.
        double error = k >= _epochs ? Error(curve[k - 1]) : Error(curve.Take(k).Max());
        double logShift = 0, logSd = 0;
        if (k < _epochs)
        {
            var (priorMean, spread, shift) = _prior.At(k / (double)_epochs);
            // The search's own complete curves at the same epoch: what this dataset and recipe do.
            double sum = priorMean * PriorWeight, n = PriorWeight;
            foreach (var c in _complete)
            {
                sum += Math.Log(Error(c[_epochs - 1]) / Error(c.Take(k).Max()));
                n++;
            }
            logShift = sum / n;
            // The uncertainty of the shared shift shrinks with curves seen; the spread between shapes does not.
            logSd = Math.Sqrt(spread * spread + shift * shift / n);
        }
        double logMedian = Math.Log(error) + logShift;
        if (k < _epochs) return (logMedian, Math.Max(1e-6, logSd));
        double seed = SeedNoise / Math.Exp(logMedian);
        return (logMedian, seed);
    }

    private static double Error(double accuracy) => Math.Max(1e-4, 1 - accuracy);
}
