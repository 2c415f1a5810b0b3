namespace ShapeDnn.Profiles.Prediction;

/// <summary>When and how latency and energy are predicted instead of measured for every shape.</summary>
/// <param name="Enabled">False: measure every shape whose figures the limits or the goal need.</param>
/// <param name="MinShapes">Spaces with fewer shapes to profile are measured completely (a fit would save little).</param>
/// <param name="SampleFraction">Share of the shapes measured as the fitting sample.</param>
/// <param name="MinSample">Fewest shapes in the sample.</param>
/// <param name="HoldOutFraction">Share of the sample held out of the fit to measure the prediction error.</param>
/// <param name="MinHoldOut">Fewest held-out shapes.</param>
/// <param name="SafetyFactor">The decision margin is this times the largest relative hold-out error …</param>
/// <param name="MinMargin">… but at least this (relative) …</param>
/// <param name="MaxMargin">… and when it would exceed this, the prediction is deemed unusable and every shape is measured.
/// 1.0 (a held-out error of 50 %), not 0.6: on an H200 the latencies of launch-bound shapes (narrow Wide ResNets at 28×28)
/// move by up to 1.9× between processes, so one held-out shape read 37 % off its prediction and the old cliff measured all
/// 110 shapes of the paper's grid (85 s more). A wide margin degrades gracefully instead: every shape within it of a limit,
/// or of the cheapest, is measured anyway, and the search measures a predicted shape before it trains it.</param>
public sealed record PredictionOptions(
    bool Enabled = true,
    int MinShapes = 24,
    double SampleFraction = 0.2,
    int MinSample = 12,
    double HoldOutFraction = 0.25,
    int MinHoldOut = 3,
    double SafetyFactor = 2.0,
    double MinMargin = 0.10,
    double MaxMargin = 1.0)
{
    /// <summary>Measure everything.</summary>
    public static PredictionOptions Off { get; } = new(Enabled: false);
}
